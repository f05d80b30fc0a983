package dev.gantry.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A stored stage of a run; {@code outputCut} says what was cut of its output, if anything was. */
public record StageRecord(
        String name,
        StageState state,
        Instant startedAt,
        Optional<Instant> finishedAt,
        Optional<String> message,
        Optional<String> logPath,
        Optional<String> outputCut) {

    /** A stage whose output was kept whole. */
    public StageRecord(String name, StageState state, Instant startedAt, Optional<Instant> finishedAt,
                       Optional<String> message, Optional<String> logPath) {
        this(name, state, startedAt, finishedAt, message, logPath, Optional.empty());
    }

    /** How long the stage took, or has taken so far. */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt.orElse(Instant.now()));
    }
}
