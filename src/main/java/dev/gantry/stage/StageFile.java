package dev.gantry.stage;

import dev.gantry.config.ByteSizes;
import dev.gantry.config.OwnerOnly;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stage's log file, bounded: the first {@code max} bytes of its output as they come, then nothing
 * until the stage ends, when a line says what was left out and the last lines follow. So the file
 * holds how the output began and how it ended, and never more than {@code max} and one tail.
 */
final class StageFile implements AutoCloseable {
    private final Path path;
    private final long max;
    private final BufferedWriter writer;
    private long written;
    private long linesWritten;
    private long linesLeftOut;
    private long bytesLeftOut;

    StageFile(Path path, long max) {
        this.path = path;
        this.max = max;
        try {
            Files.createDirectories(path.getParent());
            this.writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            OwnerOnly.file(path);  // it may hold what a commit's tests print; GANTRY_HOME is 0700 besides
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stage log " + path, e);
        }
    }

    /** Writes {@code line} while the file has room; past that, counts it as left out. */
    void write(String line) {
        long bytes = Tail.bytes(line);
        if (linesLeftOut > 0 || written + bytes > max) {
            linesLeftOut++;
            bytesLeftOut += bytes;
            return;
        }
        written += bytes;
        linesWritten++;
        try {
            writer.write(line);
            writer.newLine();
            writer.flush();  // the file is the live log a person can follow with tail -f
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stage log " + path, e);
        }
    }

    /** How many lines it left out; none while it had room. */
    long linesLeftOut() {
        return linesLeftOut;
    }

    /** What it left out, in a sentence; empty if nothing. */
    String leftOut() {
        return linesLeftOut == 0 ? "" : "the log file stopped at " + ByteSizes.format(max) + " (" + linesLeftOut
                + " lines, " + bytesLeftOut + " bytes, not in it)";
    }

    /** Ends the file: if lines were left out, a line that says so, then {@code lastLines} (the last of those left out). */
    void close(List<String> lastLines) {
        try (writer) {
            if (linesLeftOut > 0) {
                writer.write("… [" + leftOut() + "; the last " + lastLines.size() + " of them follow]");
                writer.newLine();
                for (String line : lastLines) {
                    writer.write(line);
                    writer.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the stage log " + path, e);
        }
    }

    @Override
    public void close() {
        close(List.of());
    }
}
