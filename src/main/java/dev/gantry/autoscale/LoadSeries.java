package dev.gantry.autoscale;

import dev.gantry.store.RequestPeriod;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A service's request rate period by period, every colour and release together, as gantry server stored it: requests
 * per second, oldest first, from the first period stored on (the history there is), a later period with nothing
 * stored counting as none.
 */
final class LoadSeries {
    private LoadSeries() {
    }

    /** The rates of the (at most {@code count}) periods of length {@code period} that end at {@code end}. */
    static double[] of(List<RequestPeriod> periods, Instant end, Duration period, int count) {
        double[] rates = new double[count];
        long first = end.toEpochMilli() - count * period.toMillis();
        int earliest = count;
        for (RequestPeriod stored : periods) {
            long index = Math.floorDiv(stored.start().toEpochMilli() - first, period.toMillis());
            if (index >= 0 && index < count) {
                rates[(int) index] += (double) stored.requests() / stored.seconds();
                earliest = Math.min(earliest, (int) index);
            }
        }
        return Arrays.copyOfRange(rates, earliest, count);
    }
}
