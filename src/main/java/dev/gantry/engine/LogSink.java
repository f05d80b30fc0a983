package dev.gantry.engine;

/** Receives output one line at a time, without the line break. */
@FunctionalInterface
public interface LogSink {
    /** A sink that drops everything. */
    LogSink NONE = line -> { };

    /** Takes one line of output. */
    void line(String line);
}
