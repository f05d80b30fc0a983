package dev.gantry.pipeline;

import dev.gantry.config.OwnerOnly;
import dev.gantry.engine.LogSink;
import dev.gantry.secret.SecretMask;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The whole output of one stage: written to its log file, kept for the store, its tail kept for
 * errors, each line handed on as written (the live log); the service's secrets masked in every line
 * before it goes anywhere.
 */
final class StageLog implements LogSink, AutoCloseable {
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    private final Path file;
    private final SecretMask mask;
    private final BufferedWriter writer;
    private final StringBuilder text = new StringBuilder();
    private final Tail tail = new Tail();
    private final Consumer<String> follower;

    StageLog(Path file) {
        this(file, SecretMask.NONE, line -> { });
    }

    StageLog(Path file, SecretMask mask) {
        this(file, mask, line -> { });
    }

    /** A log at {@code file}, masking with {@code mask}, that hands each line as written to {@code follower}. */
    StageLog(Path file, SecretMask mask, Consumer<String> follower) {
        this.file = file;
        this.mask = mask;
        this.follower = follower;
        try {
            Files.createDirectories(file.getParent());
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            OwnerOnly.file(file);  // it may hold what a commit's tests print; GANTRY_HOME is 0700 besides
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stage log " + file, e);
        }
    }

    /**
     * Takes one line of output. Colour codes are dropped and other control characters shown as
     * {@code \xNN}: output comes from the commit, and must not drive the terminal it is shown on.
     */
    @Override
    public synchronized void line(String raw) {
        String line = mask.apply(printable(mask.apply(raw)));
        text.append(line).append('\n');
        tail.add(line);
        try {
            writer.write(line);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stage log " + file, e);
        }
        follower.accept(line);
    }

    static String printable(String raw) {
        String line = ANSI_ESCAPE.matcher(raw).replaceAll("");
        StringBuilder out = new StringBuilder(line.length());
        line.codePoints().forEach(c -> {
            if (c == '\t' || !Character.isISOControl(c)) {
                out.appendCodePoint(c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        });
        return out.toString();
    }

    /** Where the log is kept. */
    Path file() {
        return file;
    }

    /** The last lines written, oldest first. */
    List<String> tail() {
        return tail.lines();
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
