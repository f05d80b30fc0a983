package dev.gantry.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * When a replica that ended is started again: {@code run/restart} in gantry.yml (docs/gantry-yml.md). On a
 * Swarm this is the service's restart policy.
 *
 * @param condition {@code any} (default), {@code on-failure} (a non-zero exit) or {@code none}
 * @param delay the wait before a restart (default 1s)
 * @param maxAttempts the most restarts within {@code window}, 0 for no bound (default)
 * @param window the time over which {@code maxAttempts} is counted (default 2m)
 */
public record RestartSpec(String condition, Duration delay, int maxAttempts, Duration window) {
    static final List<String> KEYS = List.of("condition", "delay", "max-attempts", "window");
    public static final RestartSpec DEFAULTS = new RestartSpec("any", Duration.ofSeconds(1), 0, Duration.ofMinutes(2));

    /** Checks for nulls. */
    public RestartSpec {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(window, "window");
    }

    static RestartSpec read(YamlMap restart) {
        return new RestartSpec(
                restart.get("condition", Rule.oneOf("any", "on-failure", "none"), DEFAULTS.condition),
                restart.get("delay", Rule.duration(), DEFAULTS.delay),
                restart.get("max-attempts", Rule.wholeNumber(0, 1000), DEFAULTS.maxAttempts),
                restart.get("window", Rule.duration(), DEFAULTS.window));
    }
}
