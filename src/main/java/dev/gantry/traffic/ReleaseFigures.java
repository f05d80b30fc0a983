package dev.gantry.traffic;

import dev.gantry.store.RequestPeriod;
import java.util.List;
import java.util.Locale;

/** What one release answered over some periods, added up: requests, server errors, latency. */
public record ReleaseFigures(long requests, long errors, LatencyBuckets latency) {

    /** The sum of {@code periods}. */
    public static ReleaseFigures of(List<RequestPeriod> periods) {
        long requests = 0;
        long errors = 0;
        LatencyBuckets latency = LatencyBuckets.empty();
        for (RequestPeriod period : periods) {
            requests += period.requests();
            errors += period.errors();
            latency = latency.plus(LatencyBuckets.of(period.latencyBuckets()));
        }
        return new ReleaseFigures(requests, errors, latency);
    }

    /** The share of requests answered with a server error, 0 with no request. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    /** The time within which 99% of the requests were answered, in milliseconds (0 with no request). */
    public long p99Millis() {
        return latency.quantileMillis(0.99);
    }

    /** "74 requests, 37 failed (50.0%), p99 12ms", as run logs say it. */
    public String describe() {
        return requests == 0 ? "no request" : String.format(Locale.ROOT, "%d requests, %d failed (%s), p99 %dms",
                requests, errors, percent(errorRate()), p99Millis());
    }

    /** {@code share} (0 to 1) as a percentage with one decimal: "0.5%". */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
