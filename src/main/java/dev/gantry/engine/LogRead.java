package dev.gantry.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How to read a container's or a task's output: from {@code since} (else from its start), and either what there is
 * now, within {@code deadline}, or {@code follow}ing it until it ends or the reading thread is interrupted.
 */
public record LogRead(Optional<Instant> since, boolean follow, Duration deadline) {

    /** What there is now, since {@code since}, within 10 s. */
    public static LogRead now(Optional<Instant> since) {
        return new LogRead(since, false, Duration.ofSeconds(10));
    }

    /** What there is since {@code since}, and then each new line until the output ends. */
    public static LogRead following(Optional<Instant> since) {
        return new LogRead(since, true, Duration.ZERO);
    }

    /** Docker's {@code since}: whole seconds, rounded down (lines of that second are filtered by their own time). */
    Integer sinceSeconds() {
        return since.map(at -> (int) at.getEpochSecond()).orElse(0);
    }
}
