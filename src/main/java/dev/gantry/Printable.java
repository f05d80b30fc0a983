package dev.gantry;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Text that came from outside (a commit's title or author, a branch name, a container's or a
 * remote's output) made safe to show on a terminal, in a {@code remote:} line, in JSON or in a log.
 * Colour codes are dropped (test output is full of them); every other control character, escape
 * sequence (CSI, OSC, DCS), C1 control, bidi override or line separator is shown escaped, as
 * {@code \x1b} or {@code \u202e}, so that it is visible and drives nothing. Applying it twice
 * changes nothing more than applying it once.
 */
public final class Printable {
    /** SGR, "Select Graphic Rendition" (ECMA-48 8.3.117): colours and bold, the one sequence worth dropping. */
    private static final Pattern COLOUR = Pattern.compile("\u001B\\[[0-9;:]*m");

    private Printable() {
    }

    /** {@code raw} with colour codes dropped and every other control shown escaped; null stays null. */
    public static String of(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.indexOf('\u001B') >= 0 ? COLOUR.matcher(raw).replaceAll("") : raw;
        if (text.codePoints().noneMatch(Printable::unsafe)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (!unsafe(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xFF) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }

    /** {@code raw} line by line as {@link #of}: its line feeds kept, a message of several lines stays one. */
    public static String lines(String raw) {
        if (raw == null) {
            return null;
        }
        return String.join("\n", Arrays.stream(raw.split("\n", -1)).map(Printable::of).toList());
    }

    /**
     * C0 controls but tab, DEL, C1 controls (U+0080–U+009F: a terminal may take U+009B as CSI), the
     * bidi controls that reorder what is shown (Unicode TR #9: U+061C, U+200E, U+200F, U+202A–U+202E,
     * U+2066–U+2069), the line and paragraph separators, and lone surrogates.
     */
    static boolean unsafe(int c) {
        return (c != '\t' && Character.isISOControl(c))
                || c == 0x061C || c == 0x200E || c == 0x200F
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028 || c == 0x2029
                || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }
}
