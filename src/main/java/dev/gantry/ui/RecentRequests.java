package dev.gantry.ui;

import dev.gantry.store.RequestFigures;
import dev.gantry.store.RequestSum;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The overview's hour of request figures ({@link RequestRates}), minute by minute, with the settled minutes kept: a
 * minute that ended {@link #SETTLED} ago has all its periods stored (gantry server stores each 10 s period a second or
 * two after it ends), so its sums do not change and are read from the store once. A page then reads only the last minute or two, not the
 * whole hour of every service: an hour of 200 services is 72,000 periods, whose sums cost SQLite 70 to 200 ms on a busy
 * two-core machine (bench/ui-overview). A period stored later than that (a clock far off) is not counted.
 */
final class RecentRequests {
    /** How long after its end a minute is taken as complete. */
    static final Duration SETTLED = Duration.ofMinutes(1);

    private final RequestFigures figures;
    /** The sums of each settled minute of the hour, by its start, every minute from the oldest to the newest kept. */
    private final NavigableMap<Instant, List<RequestSum>> settled = new TreeMap<>();

    RecentRequests(RequestFigures figures) {
        this.figures = figures;
    }

    /** The request rates of every service with figures in the hour drawn at {@code now}, by service. */
    synchronized Map<String, RequestRates> lastHour(Instant now) {
        Instant start = RequestRates.start(now);
        Instant end = RequestRates.end(now);
        settled.headMap(start).clear();
        if (!settled.isEmpty() && !settled.firstKey().equals(start)) {
            settled.clear();  // the clock went back: start again
        }
        Instant from = settled.isEmpty() ? start : settled.lastKey().plus(RequestRates.BUCKET);
        Map<Integer, List<RequestSum>> fresh = new HashMap<>();
        for (RequestSum sum : figures.sums(from, end, RequestRates.BUCKET)) {
            fresh.computeIfAbsent(sum.bucket(), b -> new ArrayList<>()).add(sum);
        }
        List<RequestSum> hour = new ArrayList<>();
        int offset = 0;
        for (List<RequestSum> minute : settled.values()) {
            hour.addAll(numbered(minute, offset++));
        }
        for (int bucket = 0; offset + bucket < RequestRates.BUCKETS; bucket++) {
            Instant minute = from.plus(RequestRates.BUCKET.multipliedBy(bucket));
            List<RequestSum> sums = fresh.getOrDefault(bucket, List.of());
            hour.addAll(numbered(sums, offset + bucket));
            if (!minute.plus(RequestRates.BUCKET).plus(SETTLED).isAfter(now)) {
                settled.put(minute, sums);
            }
        }
        return RequestRates.byService(hour);
    }

    /** {@code sums} as bucket {@code bucket} of the hour. */
    private static List<RequestSum> numbered(List<RequestSum> sums, int bucket) {
        return sums.stream().map(sum -> new RequestSum(sum.service(), bucket, sum.requests(), sum.errors())).toList();
    }
}
