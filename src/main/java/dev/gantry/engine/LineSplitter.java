package dev.gantry.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Turns chunks of bytes, cut anywhere, into whole lines for a {@link LogSink}. */
final class LineSplitter {
    private final LogSink sink;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineSplitter(LogSink sink) {
        this.sink = sink;
    }

    synchronized void accept(byte[] chunk) {
        for (byte b : chunk) {
            if (b == '\n') {
                emit();
            } else {
                pending.write(b);
            }
        }
    }

    void accept(String text) {
        accept(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Emits what is left as a last line. */
    synchronized void flush() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        sink.line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
