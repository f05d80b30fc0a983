package dev.gantry.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * When a release that just went live is rolled back for crashing: {@code deploy/crash-loop} in gantry.yml
 * (docs/swarm.md#a-release-that-keeps-crashing).
 *
 * @param restarts how many times its replicas may end by themselves (crash, OOM, exit) before it is rolled back;
 *                 0 turns the rollback off (default 5)
 * @param within how long after going live its replicas are counted (default 2m); later crashes are only healed
 */
public record CrashLoopSpec(int restarts, Duration within) {
    static final List<String> KEYS = List.of("restarts", "within");
    public static final CrashLoopSpec DEFAULTS = new CrashLoopSpec(5, Duration.ofMinutes(2));

    /** Checks for nulls. */
    public CrashLoopSpec {
        Objects.requireNonNull(within, "within");
    }

    /** Whether a crash loop rolls the release back at all. */
    public boolean on() {
        return restarts > 0;
    }

    static CrashLoopSpec read(YamlMap crashLoop) {
        return new CrashLoopSpec(
                crashLoop.get("restarts", Rule.wholeNumber(0, 1000), DEFAULTS.restarts),
                crashLoop.get("within", Rule.duration(), DEFAULTS.within));
    }
}
