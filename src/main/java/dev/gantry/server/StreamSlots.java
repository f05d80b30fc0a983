package dev.gantry.server;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The server's open streams (run logs, followed service logs and the web UI's live run pages together): at most
 * {@code max} at once
 * ({@code server-max-log-streams}); past that a request is answered 429 with {@code Retry-After: 30}.
 */
public final class StreamSlots {
    private final Semaphore slots;
    private final int max;

    /** At most {@code max} streams at once. */
    public StreamSlots(int max) {
        this.slots = new Semaphore(max);
        this.max = max;
    }

    /**
     * Streams Server-Sent Events to {@code ctx} with {@code stream} in a slot of its own, or answers 429 saying
     * {@code instead} (what answers without a stream) when every slot is taken.
     */
    public void stream(Context ctx, String instead, Consumer<SseClient> stream) {
        if (!slots.tryAcquire()) {
            ctx.header("Retry-After", "30");
            ApiRoutes.json(ctx, 429, Json.error("The server already streams " + max + " logs and live pages, as many as it may"
                    + " (server-max-log-streams). Close another stream or try again later; " + instead));
            return;
        }
        if (!String.valueOf(ctx.header("Accept")).contains("text/event-stream")) {
            slots.release();  // SseHandler answers nothing to a client that does not take events
        }
        new SseHandler(client -> {
            try {
                stream.accept(client);
            } finally {
                slots.release();
            }
        }).handle(ctx);
    }
}
