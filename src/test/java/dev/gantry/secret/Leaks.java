package dev.gantry.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for a secret in text the way someone reading output would: as it is, URL-encoded, and by
 * decoding every run of base64 characters at each of the four character offsets, in both alphabets.
 */
public final class Leaks {
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-]{2,}");

    private Leaks() {
    }

    /** The forms of {@code secret} that {@code text} gives away: raw, url-encoded, url-encoded %20, base64. */
    public static List<String> in(String text, String secret) {
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        if (text.contains(secret)) {
            found.add("raw");
        }
        if (text.contains(url)) {
            found.add("url-encoded");
        }
        if (text.contains(url.replace("+", "%20"))) {
            found.add("url-encoded with %20");
        }
        if (decodable(text, secret)) {
            found.add("base64");
        }
        return found;
    }

    /** Whether some piece of {@code text} decodes to three bytes in a row of {@code secret}. */
    public static boolean decodable(String text, String secret) {
        byte[] value = secret.getBytes(StandardCharsets.UTF_8);
        Matcher run = BASE64_RUN.matcher(text);
        while (run.find()) {
            String piece = run.group().replace('-', '+').replace('_', '/');
            for (int offset = 0; offset < 4 && offset < piece.length(); offset++) {
                String aligned = piece.substring(offset);
                aligned = aligned.substring(0, aligned.length() - aligned.length() % 4);
                if (!aligned.isEmpty() && sharesThreeBytes(Base64.getDecoder().decode(aligned), value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sharesThreeBytes(byte[] decoded, byte[] value) {
        for (int i = 0; i + 3 <= value.length; i++) {
            for (int j = 0; j + 3 <= decoded.length; j++) {
                if (Arrays.equals(decoded, j, j + 3, value, i, i + 3)) {
                    return true;
                }
            }
        }
        return false;
    }
}
