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
}
