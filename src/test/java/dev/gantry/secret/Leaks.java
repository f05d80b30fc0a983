package dev.gantry.secret;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tries to get a secret back out of text the way someone reading output would: decodes every run
 * of base64 characters at each of the four character offsets, in both alphabets.
 */
final class Leaks {
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-]{2,}");

    private Leaks() {
    }

    /** Whether some piece of {@code text} decodes to three bytes in a row of {@code secret}. */
    static boolean decodable(String text, String secret) {
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
            byte[] window = Arrays.copyOfRange(value, i, i + 3);
            for (int j = 0; j + 3 <= decoded.length; j++) {
                if (Arrays.equals(decoded, j, j + 3, window, 0, 3)) {
                    return true;
                }
            }
        }
        return false;
    }
}
