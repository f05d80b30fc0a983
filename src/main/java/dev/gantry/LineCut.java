package dev.gantry;

/**
 * How a line of output cut at output/line-max ends, in place of the rest of it: one text for the engine
 * that cuts and for the secret mask that looks for cuts (a secret a cut fell into leaves only its head).
 */
public final class LineCut {
    /** What every cut marker begins with, whatever the limit. */
    public static final String MARKER_START = "… [line cut at ";

    private LineCut() {
    }

    /** What ends a line cut at {@code lineMax} bytes. */
    public static String marker(int lineMax) {
        return MARKER_START + lineMax + " bytes]";
    }
}
