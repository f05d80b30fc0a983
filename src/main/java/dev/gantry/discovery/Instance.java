package dev.gantry.discovery;

import java.util.Objects;

/**
 * One running replica of a colour, where the proxy and the integration tests reach it.
 *
 * @param host the address to connect to
 * @param port the published port on that host
 * @param container the container's name ({@code books-ms-blue-1})
 */
public record Instance(String host, int port, String container) {

    /** Checks for nulls, an empty host and a port outside 1 to 65535. */
    public Instance {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(container, "container");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("an instance needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("an instance's port should be from 1 to 65535, was " + port);
        }
    }
}
