package dev.gantry.traffic;

import dev.gantry.proxy.ProxyRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code gantry_requests_seconds} (count, sum, buckets) by service, colour, release and status class
 * ({@code 2xx} … {@code 5xx}): the requests the proxy answered, for Prometheus (docs/observability.md). A
 * release that left discovery loses its series, so they stay as many as the colours that run.
 */
final class RequestMeters {
    private final MeterRegistry registry;
    private final Map<ReleaseKey, Map<String, Timer>> timers = new HashMap<>();

    RequestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(ReleaseKey key, ProxyRequest request) {
        String code = request.status() / 100 + "xx";
        timers.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(code, c -> Timer.builder("gantry.requests")
                        .description("Requests the proxy answered, by the release and colour that answered them")
                        .tags("service", key.service(), "colour", key.colour(), "release", key.shortRelease(), "code", c)
                        .serviceLevelObjectives(LatencyBuckets.bounds())
                        .register(registry))
                .record(Duration.ofMillis(request.millis()));
    }

    /** Removes the series of every release but {@code running}. */
    void keepOnly(Iterable<ReleaseKey> running) {
        Set<ReleaseKey> keep = new HashSet<>();
        running.forEach(keep::add);
        timers.entrySet().removeIf(entry -> {
            if (keep.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().values().forEach(registry::remove);
            return true;
        });
    }
}
