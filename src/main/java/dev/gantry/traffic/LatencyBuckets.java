package dev.gantry.traffic;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How many requests took how long, in fixed buckets ({@link #BOUNDS_MS}, and one above the last): the
 * same buckets in the store, in Prometheus' histogram and in the quantiles Gantry reads itself, so that
 * periods add up exactly. A quantile is interpolated within its bucket, as Prometheus'
 * {@code histogram_quantile} does.
 */
public final class LatencyBuckets {
    /** The upper bounds of the buckets, in milliseconds; a last bucket holds what took longer. */
    static final long[] BOUNDS_MS = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};

    private final long[] counts;

    private LatencyBuckets(long[] counts) {
        this.counts = counts;
    }

    /** No request yet. */
    public static LatencyBuckets empty() {
        return new LatencyBuckets(new long[BOUNDS_MS.length + 1]);
    }

    /** The buckets of {@code counts} as the store keeps them; missing buckets count none, extra ones are refused. */
    public static LatencyBuckets of(List<Long> counts) {
        if (counts.size() > BOUNDS_MS.length + 1) {
            throw new IllegalArgumentException("at most " + (BOUNDS_MS.length + 1) + " latency buckets, got "
                    + counts.size());
        }
        long[] copy = new long[BOUNDS_MS.length + 1];
        for (int i = 0; i < counts.size(); i++) {
            copy[i] = counts.get(i);
        }
        return new LatencyBuckets(copy);
    }

    /** The bounds as durations, for Micrometer's histogram. */
    static Duration[] bounds() {
        return Arrays.stream(BOUNDS_MS).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }

    /** Counts one request of {@code millis}. */
    void add(long millis) {
        int i = 0;
        while (i < BOUNDS_MS.length && millis > BOUNDS_MS[i]) {
            i++;
        }
        counts[i]++;
    }

    /** These and {@code other}'s requests together. */
    public LatencyBuckets plus(LatencyBuckets other) {
        long[] sum = counts.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.counts[i];
        }
        return new LatencyBuckets(sum);
    }

    /** The requests counted. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    /**
     * The time within which {@code q} (0 to 1) of the requests were answered, in milliseconds; 0 with no request,
     * the last bound when the quantile lies above it.
     */
    public long quantileMillis(double q) {
        long total = total();
        if (total == 0) {
            return 0;
        }
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            if (below + counts[i] >= rank && counts[i] > 0) {
                long lower = i == 0 ? 0 : BOUNDS_MS[i - 1];
                return Math.round(lower + (BOUNDS_MS[i] - lower) * (rank - below) / counts[i]);
            }
            below += counts[i];
        }
        return BOUNDS_MS[BOUNDS_MS.length - 1];
    }

    /** The counts, bucket by bucket, as the store keeps them. */
    public List<Long> counts() {
        return Arrays.stream(counts).boxed().toList();
    }
}
