package dev.gantry.pipeline;

import dev.gantry.engine.LogSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;

/** The whole output of one stage: written to its log file, kept for the store, its tail kept for errors. */
final class StageLog implements LogSink, AutoCloseable {
    static final int TAIL_LINES = 25;

    private final Path file;
    private final BufferedWriter writer;
    private final StringBuilder text = new StringBuilder();
    private final ArrayDeque<String> tail = new ArrayDeque<>();

    StageLog(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stage log " + file, e);
        }
    }

    @Override
    public synchronized void line(String line) {
        text.append(line).append('\n');
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
        try {
            writer.write(line);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stage log " + file, e);
        }
    }

    /** Where the log is kept. */
    Path file() {
        return file;
    }

    /** The last lines written, oldest first. */
    synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    /** Everything written so far. */
    synchronized String text() {
        return text.toString();
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the stage log " + file, e);
        }
    }
}
