package dev.gantry.traffic;

import dev.gantry.proxy.ProxyRequest;
import dev.gantry.store.RequestPeriod;
import java.time.Instant;

/** The requests one release answered in the period being counted. */
final class RequestTally {
    private long requests;
    private long errors;
    private long totalMillis;
    private final LatencyBuckets latency = LatencyBuckets.empty();

    void add(ProxyRequest request) {
        requests++;
        errors += request.failed() ? 1 : 0;
        totalMillis += request.millis();
        latency.add(request.millis());
    }

    RequestPeriod period(ReleaseKey key, Instant start, int seconds) {
        return new RequestPeriod(key.service(), key.colour(), key.release(), start, seconds, requests, errors,
                totalMillis, latency.counts());
    }
}
