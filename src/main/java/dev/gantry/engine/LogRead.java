package dev.gantry.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How to read a container's or a task's output: from {@code since} (else from its start), only its last {@code tail}
 * lines if set, and either what there is now, within {@code deadline}, or {@code follow}ing it until it ends or the
 * reading thread is interrupted.
 */
public record LogRead(Optional<Instant> since, Optional<Integer> tail, boolean follow, Duration deadline) {
    /** The longest a reading of what there is now may take. */
    public static final Duration NOW_DEADLINE = Duration.ofSeconds(60);

    /** What there is now since {@code since} (its last {@code tail} lines, if set), within {@link #NOW_DEADLINE}. */
    public static LogRead now(Optional<Instant> since, Optional<Integer> tail) {
        return new LogRead(since, tail, false, NOW_DEADLINE);
    }

    /** What there is since {@code since}, and then each new line until the output ends. */
    public static LogRead following(Optional<Instant> since) {
        return new LogRead(since, Optional.empty(), true, Duration.ZERO);
    }

    /** Docker's {@code since}: whole seconds, rounded down (lines of that second are filtered by their own time). */
    Integer sinceSeconds() {
        return since.map(at -> (int) at.getEpochSecond()).orElse(0);
    }
}
