package dev.gantry.engine;

import dev.gantry.LineCut;
import java.nio.charset.StandardCharsets;

/**
 * Turns chunks of bytes, cut anywhere, into whole lines for a {@link LogSink}. A line longer than
 * the limit is handed on at the limit, ending in {@link LineCut#marker}, and the rest of it is
 * dropped as it comes: a container that prints a gigabyte without a line break costs the limit.
 */
final class LineSplitter {
    private final LogSink sink;
    private final byte[] pending;
    private int size;
    private boolean dropping;

    /** Lines cut at {@link LogSink#DEFAULT_LINE_MAX} bytes. */
    LineSplitter(LogSink sink) {
        this(sink, LogSink.DEFAULT_LINE_MAX);
    }

    LineSplitter(LogSink sink, int lineMax) {
        if (lineMax < 1) {
            throw new IllegalArgumentException("lineMax must be positive, was " + lineMax);
        }
        this.sink = sink;
        this.pending = new byte[lineMax];
    }

    synchronized void accept(byte[] chunk) {
        int from = 0;
        while (from < chunk.length) {
            int newline = indexOf(chunk, from);
            int end = newline < 0 ? chunk.length : newline;
            if (!dropping) {
                take(chunk, from, end);
            }
            if (newline < 0) {
                return;
            }
            if (!dropping) {
                emit(text());
            }
            dropping = false;
            size = 0;
            from = newline + 1;
        }
    }

    void accept(String text) {
        accept(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Emits what is left as a last line. */
    synchronized void flush() {
        if (size > 0 && !dropping) {
            emit(text());
        }
        size = 0;
        dropping = false;
    }

    /** Copies what fits; past the limit, hands the line on cut and drops the rest of it. */
    private void take(byte[] chunk, int from, int end) {
        int room = pending.length - size;
        int length = end - from;
        System.arraycopy(chunk, from, pending, size, Math.min(length, room));
        size += Math.min(length, room);
        if (length > room) {
            sink.line(head() + LineCut.marker(pending.length));
            dropping = true;
            size = 0;
        }
    }

    private String text() {
        return new String(pending, 0, size, StandardCharsets.UTF_8);
    }

    /** The pending bytes up to the limit, less a last character the limit split in two. */
    private String head() {
        int lead = size - 1;
        while (lead > 0 && size - lead < 4 && (pending[lead] & 0xC0) == 0x80) {
            lead--;
        }
        int first = pending[lead] & 0xFF;
        int length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
        return new String(pending, 0, size - lead < length ? lead : size, StandardCharsets.UTF_8);
    }

    private void emit(String line) {
        sink.line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }

    private static int indexOf(byte[] chunk, int from) {
        for (int i = from; i < chunk.length; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
