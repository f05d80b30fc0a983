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
 * marked so; and the stages the run recorded that its flow does not plan, like the undo after a failure, where they
 * happened: after the last box that started before them (so an undo follows the stage that failed, not the skipped).
 */
final class FlowBoxes {
    private FlowBoxes() {
    }

    /** The boxes of a run of {@code kind} that stored {@code stages}; {@code over}: it ended; durations up to {@code now}. */
    static List<Box> of(String kind, List<StageRecord> stages, boolean over, Instant now) {
        Map<String, StageRecord> stored = new LinkedHashMap<>();
        stages.forEach(stage -> stored.put(stage.name(), stage));
        List<Box> boxes = new ArrayList<>();
        List<Instant> started = new ArrayList<>();  // of each box; null: it never started
        for (List<Stage> step : flowOf(kind).map(Flow::steps).orElse(List.of())) {
            String alongside = "";
            for (Stage planned : step) {
                StageRecord stage = stored.remove(planned.word());
                boxes.add(stage != null ? box(stage, now, alongside)
                        : new Box(planned.word(), over ? "skipped" : "pending", "", alongside));
                started.add(stage != null ? stage.startedAt() : null);
                alongside = planned.word();
            }
        }
        for (StageRecord unplanned : stored.values()) {  // an undo: after the box it followed, before those skipped
            int at = afterLastStartedBy(started, unplanned.startedAt());
            boxes.add(at, box(unplanned, now, ""));
            started.add(at, unplanned.startedAt());
        }
        return List.copyOf(boxes);
    }

    /** The index after the last box that started no later than {@code instant}; the end if none did. */
    private static int afterLastStartedBy(List<Instant> started, Instant instant) {
        for (int i = started.size() - 1; i >= 0; i--) {
            if (started.get(i) != null && !started.get(i).isAfter(instant)) {
                return i + 1;
            }
        }
        return started.size();
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
