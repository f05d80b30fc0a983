package dev.gantry.proxy;

import java.util.List;
import java.util.Optional;

/**
 * How the proxy reaches one service: requests whose path starts with {@code pathPrefix} (and whose
 * Host is {@code host}, when given) go to {@code backends}, round-robin.
 */
public record Route(String service, String pathPrefix, Optional<String> host, List<Backend> backends) {

    public Route {
        backends = List.copyOf(backends);
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("a route to " + service + " needs at least one backend");
        }
    }

    /** The same route to other backends. */
    public Route withBackends(List<Backend> newBackends) {
        return new Route(service, pathPrefix, host, newBackends);
    }
}
