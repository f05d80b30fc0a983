package dev.gantry.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A stored run with its stages, oldest stage first; {@code config} is the gantry.yml it ran with,
 * {@code image} the app image it deployed, {@code colour} the colour that went live and {@code replicas} how many
 * replicas its release was deployed or scaled to then (empty for a run that put nothing live or was recorded before
 * Gantry kept that number).
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
        OptionalInt replicas,
        List<StageRecord> stages) {

    /** How long the run took, or has taken so far. */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt.orElse(Instant.now()));
    }
}
