package dev.gantry.autoscale;

import dev.gantry.config.ScaleSpec;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How many replicas a service should run for its load (docs/scaling.md#scaling-on-load), decided once per period of
 * stored request figures:
 *
 * <ul>
 *   <li>reactive: the rate of the last period over {@code run/scale/per-replica}, rounded up;</li>
 *   <li>preventive, with {@code run/scale/season}: the rate Holt-Winters forecasts for the interval this decision
 *       serves (the mean of the next {@link #HORIZON} periods: a decision taken just after a period ends holds until
 *       just after the next one ends, and its replicas start on the way), from up to {@link #SEASONS} seasons of
 *       history, the same way, as long as its one-step forecasts of the last {@link #ERROR_WINDOW} periods were off
 *       by at most {@link #TRUSTED_ERROR} of what came; a forecast that was further off is set aside, and the reactive
 *       figure alone counts;</li>
 *   <li>up to the larger of both at once, unless that load is within {@link #TOLERANCE} above what the replicas
 *       running serve at {@code per-replica} (a rate just over a multiple of per-replica, or a forecast a few percent
 *       high, is no reason to start one more: {@code per-replica} is a planning figure, not a limit);</li>
 *   <li>down only on observed load, and never below what the forecast asks for: at once when a trusted forecast agrees
 *       that the load is going down, otherwise after the observed load stayed below the replicas for
 *       {@link #QUIET_DECISIONS} decisions in a row.</li>
 * </ul>
 * Always within {@code run/scale}'s min and max.
 */
public final class ScalePolicy {
    static final int HORIZON = 2;
    static final int SEASONS = 3;
    static final int ERROR_WINDOW = 6;
    static final double TRUSTED_ERROR = 0.3;
    static final int QUIET_DECISIONS = 3;
    static final double TOLERANCE = 0.1;

    private final Map<String, Integer> quiet = new HashMap<>();

    /** A number of replicas, and why, for the scale run's trigger and the server's log. */
    public record Decision(int replicas, String why) {
    }

    /** What the forecast said, if there was one worth acting on, and a note for people either way. */
    record Forecast(OptionalDouble rate, String note) {
        static Forecast none(String note) {
            return new Forecast(OptionalDouble.empty(), note);
        }
    }

    /**
     * The replicas {@code service}, running {@code current} under {@code spec}, should run now, if not {@code current};
     * {@code rates} are its request rates per period, oldest first, the last one the period that just ended, and
     * {@code seasonLength} how many periods a season has (0 without a season).
     */
    public Optional<Decision> decide(String service, int current, ScaleSpec spec, double[] rates, int seasonLength) {
        int perReplica = spec.perReplica().orElseThrow();
        double observed = rates.length == 0 ? 0 : rates[rates.length - 1];
        int reactive = spec.bounded(replicasFor(observed, perReplica));
        Forecast forecast = seasonLength == 0 ? Forecast.none("no season") : forecast(rates, seasonLength);
        double foreseen = forecast.rate().orElse(0);
        int preventive = spec.bounded(replicasFor(foreseen, perReplica));
        String load = "observed " + rate(observed) + ", " + forecast.note() + "; " + perReplica + "/s per replica";
        int wanted = Math.max(reactive, preventive);
        if (wanted > current && Math.max(observed, foreseen) <= current * perReplica * (1 + TOLERANCE)) {
            quiet.remove(service);
            return Optional.empty();
        }
        if (wanted > current) {
            quiet.remove(service);
            return Optional.of(new Decision(wanted, load));
        }
        if (wanted < current && forecast.rate().isPresent()) {
            quiet.remove(service);
            return Optional.of(new Decision(wanted, load + "; the forecast agrees"));
        }
        if (wanted < current) {
            int quietFor = quiet.merge(service, 1, Integer::sum);
            if (quietFor >= QUIET_DECISIONS) {
                quiet.remove(service);
                return Optional.of(new Decision(wanted, load + "; below " + current + " replicas for " + quietFor
                        + " periods"));
            }
            return Optional.empty();
        }
        quiet.remove(service);
        return Optional.empty();
    }

    static Forecast forecast(double[] rates, int seasonLength) {
        int history = Math.min(rates.length, SEASONS * seasonLength);
        if (history < 2 * seasonLength) {
            return Forecast.none("no forecast yet (it needs two seasons of figures)");
        }
        double[] recent = new double[history];
        System.arraycopy(rates, rates.length - history, recent, 0, history);
        HoltWinters model = HoltWinters.fit(recent, seasonLength);
        double error = model.recentError(ERROR_WINDOW);
        double sum = 0;
        for (int step = 1; step <= HORIZON; step++) {
            sum += model.forecast(step);
        }
        double foreseen = Math.max(0, sum / HORIZON);
        if (error > TRUSTED_ERROR) {
            return Forecast.none(String.format(Locale.ROOT, "forecast %s set aside (its last forecasts were %.0f%% off)",
                    rate(foreseen), error * 100));
        }
        return new Forecast(OptionalDouble.of(foreseen), "forecast " + rate(foreseen));
    }

    private static int replicasFor(double rate, int perReplica) {
        return (int) Math.ceil(Math.max(0, rate) / perReplica);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }
}
