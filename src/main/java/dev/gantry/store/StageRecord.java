package dev.gantry.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A stored stage of a run. */
public record StageRecord(
        String name,
        StageState state,
        Instant startedAt,
        Optional<Instant> finishedAt,
        Optional<String> message,
        Optional<String> logPath) {

    /** How long the stage took, or has taken so far. */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt.orElse(Instant.now()));
    }
}
