package dev.gantry.config;

import java.util.List;

/**
 * How far the service's replicas may be scaled, by {@code gantry scale} or an alert: {@code run/scale} in gantry.yml
 * (docs/gantry-yml.md). {@code run/replicas} lies within the bounds; a release starts with it, or with more if the
 * live colour was scaled up. Without {@code run/scale} the service runs exactly {@code run/replicas} and is not scaled.
 *
 * @param min the fewest replicas of the live colour (default 1 when {@code run/scale} is set)
 * @param max the most replicas of the live colour (default {@code run/replicas})
 */
public record ScaleSpec(int min, int max) {
    static final List<String> KEYS = List.of("min", "max");
    /** The most replicas of one colour, as for {@code run/replicas}. */
    static final int MOST = 100;

    /** Not scaled: exactly {@code replicas}. */
    public static ScaleSpec fixed(int replicas) {
        return new ScaleSpec(replicas, replicas);
    }

    /** Whether {@code replicas} lies within the bounds. */
    public boolean allows(int replicas) {
        return replicas >= min && replicas <= max;
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
        return new ScaleSpec(Math.min(min, replicas), Math.max(max, replicas));
    }
}
