package dev.gantry.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the proxy routes to the service: {@code proxy} in gantry.yml.
 *
 * @param path the URL path prefix routed to the service
 * @param host the host name routed to the service, lowercase; empty routes every host
 */
public record ProxySpec(String path, Optional<String> host) {
    static final List<String> KEYS = List.of("path", "host");

    /** Checks for nulls. */
    public ProxySpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(host, "host");
    }

    static ProxySpec read(YamlMap proxy, String service) {
        return new ProxySpec(
                proxy.get("path", Names.URL_PREFIX, "/" + service),
                proxy.optional("host", Names.HOST));
    }
}
