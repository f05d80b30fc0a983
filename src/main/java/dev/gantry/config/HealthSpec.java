package dev.gantry.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a new container is judged healthy: {@code run/health} in gantry.yml.
 *
 * @param path the HTTP path that answers 2xx when the service is ready
 * @param interval the time between two checks of one container
 * @param timeout how long a container may take to become healthy before the deploy fails
 */
public record HealthSpec(String path, Duration interval, Duration timeout) {
    static final List<String> KEYS = List.of("path", "interval", "timeout");

    /** Checks for nulls. */
    public HealthSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
    }

    static HealthSpec read(YamlMap health) {
        HealthSpec spec = new HealthSpec(
                health.get("path", Names.URL_PREFIX, "/health"),
                health.get("interval", Rule.duration(), Duration.ofSeconds(1)),
                health.get("timeout", Rule.duration(), Duration.ofSeconds(60)));
        if (spec.interval.compareTo(spec.timeout) > 0) {
            health.problem(health.has("interval") ? "interval" : "timeout",
                    "the interval (" + Durations.format(spec.interval) + ") should not be longer than the timeout ("
                            + Durations.format(spec.timeout) + "), or no check would run before the deadline");
        }
        return spec;
    }
}
