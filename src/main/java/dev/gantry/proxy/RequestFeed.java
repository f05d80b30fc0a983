package dev.gantry.proxy;

import java.util.List;

/**
 * The requests a proxy answered, taken as they come (docs/observability.md): each one is handed out once,
 * to whoever takes it. A proxy keeps a bounded number of them for a taker (HAProxy a 4 MiB ring, nginx 50,000
 * lines); what no one takes in time is lost, never piled up.
 */
public interface RequestFeed extends AutoCloseable {
    /** The feed of a proxy that tells nothing (an external proxy). */
    RequestFeed NONE = List::of;

    /** The requests answered since the last call, oldest first; empty if the proxy cannot be read now. */
    List<ProxyRequest> take();

    /** Stops reading. */
    @Override
    default void close() {
    }
}
