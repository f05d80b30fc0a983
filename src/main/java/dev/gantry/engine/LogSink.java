package dev.gantry.engine;

/** Receives output one line at a time, without the line break. */
@FunctionalInterface
public interface LogSink {
    /** A sink that drops everything. */
    LogSink NONE = line -> { };
    /** The longest line, in bytes, when the installation sets none (output/line-max). */
    int DEFAULT_LINE_MAX = 16 * 1024;

    /** Takes one line of output. */
    void line(String line);

    /** What ends a line cut at {@code lineMax} bytes, in place of the rest of it. */
    static String cutMarker(int lineMax) {
        return "… [line cut at " + lineMax + " bytes]";
    }
}
