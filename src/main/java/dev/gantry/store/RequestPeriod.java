package dev.gantry.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one release, in one colour, answered through the proxy in one period (docs/observability.md).
 *
 * @param release the commit the colour ran
 * @param start when the period began
 * @param seconds how long it is
 * @param requests the requests answered
 * @param errors those answered with a server error (5xx)
 * @param totalMillis the sum of their times
 * @param latencyBuckets how many took each latency bucket, the buckets as the caller defines them
 */
public record RequestPeriod(String service, String colour, String release, Instant start, int seconds, long requests,
        long errors, long totalMillis, List<Long> latencyBuckets) {

    /** Checks for nulls and copies the buckets. */
    public RequestPeriod {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(start, "start");
        latencyBuckets = List.copyOf(latencyBuckets);
    }
}
