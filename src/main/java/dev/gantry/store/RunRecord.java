package dev.gantry.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored run with its stages, oldest stage first; {@code config} is the gantry.yml it ran with,
 * {@code image} the app image it deployed and {@code colour} the colour that went live.
 */
public record RunRecord(
        long id,
        String kind,
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
        Optional<String> config,
        Optional<String> image,
        Optional<String> colour,
        List<StageRecord> stages) {

    /** How long the run took, or has taken so far. */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt.orElse(Instant.now()));
    }
}
