package dev.gantry.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The forms in which a secret value can reach output: as it is, URL-encoded, and base64-encoded on
 * its own or inside a longer text. A multi-line value (a PEM key) also yields each of its lines,
 * since output is masked line by line.
 */
final class MaskForms {
    private static final List<Base64.Encoder> ALPHABETS = List.of(Base64.getEncoder(), Base64.getUrlEncoder());

    private MaskForms() {
    }

    /** Every form of {@code value}, at least {@code shortest} characters long; none for a shorter value. */
    static Set<String> of(String value, int shortest) {
        Set<String> forms = new LinkedHashSet<>();
        if (value.length() < shortest) {
            return forms;
        }
        for (String piece : pieces(value, shortest)) {
            forms.add(piece);
            String encoded = URLEncoder.encode(piece, StandardCharsets.UTF_8);
            forms.add(encoded);
            forms.add(encoded.replace("+", "%20"));
            forms.addAll(base64(piece.getBytes(StandardCharsets.UTF_8)));
        }
        forms.removeIf(form -> form.length() < shortest);
        return forms;
    }

    private static Set<String> pieces(String value, int shortest) {
        Set<String> pieces = new LinkedHashSet<>();
        pieces.add(value);
        for (String line : value.split("\r\n|\r|\n")) {
            if (line.length() >= shortest) {
                pieces.add(line);
            }
        }
        return pieces;
    }

    /**
     * Base64 of the value alone (with and without padding), and the part of base64(text) that only
     * the value decides, for each of the three ways the value can fall on base64's 3-byte groups
     * inside a longer text: that part is the same whatever comes before or after the value.
     */
    static Set<String> base64(byte[] value) {
        Set<String> forms = new LinkedHashSet<>();
        for (Base64.Encoder alphabet : ALPHABETS) {
            forms.add(alphabet.encodeToString(value));
            Base64.Encoder unpadded = alphabet.withoutPadding();
            forms.add(unpadded.encodeToString(value));
            for (int offset = 0; offset < 3; offset++) {
                forms.add(stablePart(unpadded, value, offset));
            }
        }
        return forms;
    }

    /**
     * Behind {@code offset} bytes of anything, base64 character j carries bits 6j to 6j+5 of the
     * stream; it depends on the value alone when those bits lie within the value's.
     */
    static String stablePart(Base64.Encoder unpadded, byte[] value, int offset) {
        byte[] shifted = new byte[offset + value.length];
        System.arraycopy(value, 0, shifted, offset, value.length);
        String encoded = unpadded.encodeToString(shifted);
        int first = (8 * offset + 5) / 6;
        int end = 8 * (offset + value.length) / 6;
        return first >= end ? "" : encoded.substring(first, end);
    }
}
