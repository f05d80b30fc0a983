package dev.gantry.ui;

import dev.gantry.flow.Flow;
import dev.gantry.flow.Flows;
import dev.gantry.stage.Stage;
import dev.gantry.store.StageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The boxes of a run's flow, in the order of the flow of its kind ({@link Flows}): each stage with what the store
 * recorded of it, or pending (skipped once the run is over), a stage that runs side by side with the one before it
 * marked so; then the stages the run recorded that its flow does not plan, like the undo after a failure.
 */
final class FlowBoxes {
    private FlowBoxes() {
    }

    /** The boxes of a run of {@code kind} that stored {@code stages}; {@code over}: it ended; durations up to {@code now}. */
    static List<Box> of(String kind, List<StageRecord> stages, boolean over, Instant now) {
        Map<String, StageRecord> stored = new LinkedHashMap<>();
        stages.forEach(stage -> stored.put(stage.name(), stage));
        List<Box> boxes = new ArrayList<>();
        for (List<Stage> step : flowOf(kind).map(Flow::steps).orElse(List.of())) {
            String alongside = "";
            for (Stage planned : step) {
                StageRecord stage = stored.remove(planned.word());
                boxes.add(stage != null ? box(stage, now, alongside)
                        : new Box(planned.word(), over ? "skipped" : "pending", "", alongside));
                alongside = planned.word();
            }
        }
        stored.values().forEach(stage -> boxes.add(box(stage, now, "")));
        return List.copyOf(boxes);
    }

    private static Box box(StageRecord stage, Instant now, String alongside) {
        Duration took = Duration.between(stage.startedAt(), stage.finishedAt().orElse(now));
        return new Box(stage.name(), stage.state().word(), HumanTime.duration(took), alongside);
    }

    /** The flow a run of {@code kind} runs ({@code run}, {@code deploy}, {@code rollback}, {@code scale}). */
    private static Optional<Flow> flowOf(String kind) {
        return switch (kind) {
            case "run" -> Optional.of(Flows.run());
            case "deploy" -> Optional.of(Flows.deploy());
            case "rollback" -> Optional.of(Flows.rollback());
            case "scale" -> Optional.of(Flows.scale());
            default -> Optional.empty();
        };
    }
}
