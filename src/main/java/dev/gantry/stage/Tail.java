package dev.gantry.stage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last lines of some output, at most {@code maxLines} of them and {@code maxBytes} of text (the
 * newest line is kept even when it alone is longer): what the store keeps of a stage, and what a
 * failure shows so that it explains itself. It counts the lines it let go.
 */
public final class Tail {
    /** How many lines a failure shows. */
    static final int LINES = 25;

    private final int maxLines;
    private final long maxBytes;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long bytes;
    private long dropped;

    /** The last {@link #LINES} lines. */
    public Tail() {
        this(LINES, Long.MAX_VALUE);
    }

    Tail(int maxLines, long maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** Keeps {@code line}, dropping the oldest beyond the limits. */
    public synchronized void add(String line) {
        lines.addLast(line);
        bytes += bytes(line);
        while (lines.size() > maxLines || (bytes > maxBytes && lines.size() > 1)) {
            bytes -= bytes(lines.removeFirst());
            dropped++;
        }
    }

    /** The lines kept, oldest first. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The last {@code count} lines kept (all of them if fewer), oldest first. */
    synchronized List<String> last(long count) {
        return lines.stream().skip(Math.max(0, lines.size() - count)).toList();
    }

    /** How many lines were let go, oldest first, to keep within the bounds. */
    synchronized long dropped() {
        return dropped;
    }

    /** The bytes {@code line} takes in UTF-8 with its line break. */
    static long bytes(String line) {
        long length = line.length() + 1L;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) >= 0x80) {
                return line.getBytes(StandardCharsets.UTF_8).length + 1L;
            }
        }
        return length;
    }
}
