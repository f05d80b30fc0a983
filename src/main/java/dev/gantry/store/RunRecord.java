package dev.gantry.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A stored run with its stages, oldest stage first. */
public record RunRecord(
        long id,
        String service,
        String commit,
        String commitTitle,
        boolean dirty,
        String trigger,
        RunState state,
        Optional<String> failedStage,
        Optional<String> message,
        Instant startedAt,
        Optional<Instant> finishedAt,
        List<StageRecord> stages) {

    /** How long the run took, or has taken so far. */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt.orElse(Instant.now()));
    }
}
