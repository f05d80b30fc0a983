package dev.gantry.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body up to a limit, never holding more than the limit (and one byte) in memory. */
final class BoundedBody {
    /** The largest body taken: a push of a few hundred commits fits well (docs/webhooks.md). */
    static final int LIMIT = 1024 * 1024;
    /**
     * How much of a refused body is read and thrown away so that its sender, still sending, reads the
     * refusal instead of a reset connection (GitHub's own payloads stop at 25 MB); past it the
     * connection is closed.
     */
    static final long DISCARD_LIMIT = 32L * 1024 * 1024;

    private BoundedBody() {
    }

    /** The body of {@code in}; empty if it has more than {@code limit} bytes (the rest is left unread). */
    static Optional<byte[]> read(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? Optional.empty() : Optional.of(body);
    }

    /** Reads and drops what is left of {@code in}, at most {@code max} bytes, in a small buffer. */
    static void discard(InputStream in, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = max;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= read;
        }
    }
}
