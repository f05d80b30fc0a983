package dev.gantry.ui;

import dev.gantry.store.RequestSum;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The last hour of a service's request figures as the overview draws them: 60 one-minute buckets (the 60 whole
 * minutes before the minute the page is drawn in), each the requests and 5xx answers of the periods that began in it,
 * every colour and release summed; a minute without figures counts as none. Drawn as a sparkline of requests and
 * errors per second on one scale, with the same in words for those who cannot see it.
 */
final class RequestRates {
    static final int BUCKETS = 60;
    static final Duration BUCKET = Duration.ofMinutes(1);
    /** The sparkline's box: {@link #STEP} apart, {@code (BUCKETS - 1) * STEP} wide, and 24 high. */
    static final int STEP = 2;
    private static final double HEIGHT = 24;

    private final long[] requests = new long[BUCKETS];
    private final long[] errors = new long[BUCKETS];

    private RequestRates() {
    }

    /** Where the hour drawn at {@code now} ends: the start of the minute {@code now} is in (a whole minute, stored). */
    static Instant end(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES);
    }

    /** Where the hour drawn at {@code now} begins. */
    static Instant start(Instant now) {
        return end(now).minus(BUCKET.multipliedBy(BUCKETS));
    }

    /** The rates of each service in {@code sums} (bucketed from {@link #start}), by service; buckets beyond are left out. */
    static Map<String, RequestRates> byService(List<RequestSum> sums) {
        Map<String, RequestRates> rates = new HashMap<>();
        for (RequestSum sum : sums) {
            if (sum.bucket() >= 0 && sum.bucket() < BUCKETS) {
                RequestRates service = rates.computeIfAbsent(sum.service(), s -> new RequestRates());
                service.requests[sum.bucket()] += sum.requests();
                service.errors[sum.bucket()] += sum.errors();
            }
        }
        return rates;
    }

    /** Requests per second in each minute, oldest first. */
    double[] requestsPerSecond() {
        return perSecond(requests);
    }

    /** 5xx answers per second in each minute, oldest first. */
    double[] errorsPerSecond() {
        return perSecond(errors);
    }

    /** Requests per second in the newest minute. */
    double now() {
        return requestsPerSecond()[BUCKETS - 1];
    }

    /** The most requests per second of any minute. */
    double peak() {
        return Arrays.stream(requestsPerSecond()).max().orElse(0);
    }

    /** The hour's share of 5xx answers, 0 to 1 (0 without requests). */
    double errorShare() {
        long all = sum(requests);
        return all == 0 ? 0 : (double) sum(errors) / all;
    }

    /** The sparkline: both lines' points and their text alternative. */
    OverviewView.Sparkline sparkline() {
        double top = peak();
        return new OverviewView.Sparkline(points(requestsPerSecond(), top), points(errorsPerSecond(), top),
                "requests per second over the last hour: now " + rate(now()) + "/s, peak " + rate(top) + "/s; errors "
                        + percent(errorShare()),
                rate(now()) + "/s, " + percent(errorShare()) + " errors");
    }

    /**
     * {@code 0,23 2,12.5 …}: SVG polyline points in a 118 × 24 box (2 apart), 0 at the bottom and {@code top} at the
     * top, to a tenth; written by hand, not by String.format, which costs a page of 200 services tens of ms.
     */
    private static String points(double[] values, double top) {
        StringBuilder points = new StringBuilder(BUCKETS * 8);
        for (int i = 0; i < BUCKETS; i++) {
            long tenths = Math.round((HEIGHT - 1 - (top == 0 ? 0 : values[i] / top * (HEIGHT - 2))) * 10);
            points.append(i == 0 ? "" : " ").append(i * STEP).append(',').append(tenths / 10);
            if (tenths % 10 != 0) {
                points.append('.').append(tenths % 10);
            }
        }
        return points.toString();
    }

    /** {@code 12.3}, {@code 40}, {@code 0.2}: one decimal, none when it is whole; {@code <0.1} when above none. */
    static String rate(double value) {
        if (value > 0 && value < 0.05) {
            return "<0.1";
        }
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /** {@code 0.2%}, {@code 0%}, {@code <0.1%}: a share as a percentage, written as {@link #rate} writes. */
    static String percent(double share) {
        return rate(share * 100) + "%";
    }

    private static double[] perSecond(long[] counts) {
        double seconds = BUCKET.toSeconds();
        return Arrays.stream(counts).mapToDouble(count -> count / seconds).toArray();
    }

    private static long sum(long[] counts) {
        return Arrays.stream(counts).sum();
    }
}
