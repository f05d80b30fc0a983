package dev.gantry.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body up to a limit, never holding more than the limit (and one byte) in memory. */
final class BoundedBody {
    /** The largest body taken: a push of a few hundred commits fits well (docs/webhooks.md). */
    static final int LIMIT = 1024 * 1024;

    private BoundedBody() {
    }

    /** The body of {@code in}; empty if it has more than {@code limit} bytes (the rest is left unread). */
    static Optional<byte[]> read(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? Optional.empty() : Optional.of(body);
    }
}
