package dev.gantry.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How far the service's replicas may be scaled, by {@code gantry scale}, an alert or Gantry's own autoscaler:
 * {@code run/scale} in gantry.yml (docs/gantry-yml.md, docs/scaling.md). {@code run/replicas} lies within the bounds; a
 * release starts with it, or with more if the live colour was scaled up. Without {@code run/scale} the service runs
 * exactly {@code run/replicas} and is not scaled.
 *
 * @param min the fewest replicas of the live colour (default 1 when {@code run/scale} is set)
 * @param max the most replicas of the live colour (default {@code run/replicas})
 * @param perReplica the requests per second one replica serves well: with it, gantry server scales the service to the
 *                   load it observes (docs/scaling.md#scaling-on-load)
 * @param season how long the load takes to repeat itself (a day, a week): with it, gantry server also scales ahead
 *               of the load it forecasts from the seasons it recorded
 */
public record ScaleSpec(int min, int max, OptionalInt perReplica, Optional<Duration> season) {
    static final List<String> KEYS = List.of("min", "max", "per-replica", "season");
    /** The most replicas of one colour, as for {@code run/replicas}. */
    static final int MOST = 100;
    /** The shortest season: six periods of stored request figures. */
    static final Duration SHORTEST_SEASON = Duration.ofMinutes(1);
    /** The longest season: a week. */
    static final Duration LONGEST_SEASON = Duration.ofDays(7);
    private static final Rule<Duration> SEASON = new Rule<>(Rule.Kind.STRING,
            "a duration from 1m to 7d in whole multiples of 10s, like 24h",
            text -> Durations.parse(text).filter(d -> d.compareTo(SHORTEST_SEASON) >= 0
                    && d.compareTo(LONGEST_SEASON) <= 0 && d.toMillis() % 10_000 == 0));

    /** Checks for nulls. */
    public ScaleSpec {
        Objects.requireNonNull(perReplica, "perReplica");
        Objects.requireNonNull(season, "season");
    }

    /** Bounds alone: scaled by hand or by alerts only. */
    public ScaleSpec(int min, int max) {
        this(min, max, OptionalInt.empty(), Optional.empty());
    }

    /** Not scaled: exactly {@code replicas}. */
    public static ScaleSpec fixed(int replicas) {
        return new ScaleSpec(replicas, replicas);
    }

    /** Whether {@code replicas} lies within the bounds. */
    public boolean allows(int replicas) {
        return replicas >= min && replicas <= max;
    }

    /** {@code replicas} brought within the bounds. */
    public int bounded(int replicas) {
        return Math.max(min, Math.min(max, replicas));
    }

    /** For people: "1 to 4 replicas", "exactly 2 replicas". */
    public String describe() {
        return min == max ? "exactly " + min + " replica" + (min == 1 ? "" : "s") : min + " to " + max + " replicas";
    }

    static ScaleSpec read(YamlMap run, int replicas) {
        if (!run.has("scale")) {
            return fixed(replicas);
        }
        YamlMap scale = run.section("scale", KEYS);
        int min = scale.get("min", Rule.wholeNumber(1, MOST), 1);
        int max = scale.get("max", Rule.wholeNumber(1, MOST), replicas);
        if (min > replicas) {
            scale.problem("min", "should be at most run/replicas (" + replicas + "), the replicas each release starts with,"
                    + " was " + min);
        }
        if (max < replicas) {
            scale.problem("max", "should be at least run/replicas (" + replicas + "), the replicas each release starts"
                    + " with, was " + max);
        }
        Optional<Integer> perReplica = scale.optional("per-replica", Rule.wholeNumber(1, 1_000_000));
        Optional<Duration> season = scale.optional("season", SEASON);
        if (season.isPresent() && perReplica.isEmpty() && !scale.has("per-replica")) {
            scale.problem("season", "needs run/scale/per-replica, the requests per second one replica serves, to turn a"
                    + " forecast of requests into replicas");
        }
        return new ScaleSpec(Math.min(min, replicas), Math.max(max, replicas),
                perReplica.map(OptionalInt::of).orElse(OptionalInt.empty()), season);
    }
}
