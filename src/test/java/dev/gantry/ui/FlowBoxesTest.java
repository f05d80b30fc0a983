package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.StageRecord;
import dev.gantry.store.StageState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The boxes of each kind of run: the stages of its flow in order, with what was stored of them, and the undo where it ran. */
class FlowBoxesTest {
    private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");

    @Test
    void aRunThatIsStillGoingShowsItsStagesDoneRunningAndPending() {
        List<Box> boxes = FlowBoxes.of("run", List.of(stage("checkout", StageState.PASSED, 0, 1200),
                stage("test", StageState.RUNNING, 1200, -1)), false, T0.plusSeconds(10));

        assertThat(boxes).extracting(Box::stage).containsExactly("checkout", "test", "build", "push", "deploy", "register",
                "pre-integration", "switch", "post-integration", "analysis", "cleanup");
        assertThat(boxes.get(0)).isEqualTo(new Box("checkout", "passed", "1.2 s", ""));
        assertThat(boxes.get(1)).isEqualTo(new Box("test", "running", "8.8 s", ""));
        assertThat(boxes.get(2)).isEqualTo(new Box("build", "pending", "", "test"));
    }

    @Test
    void aFailedDeploymentShowsItsUndoAfterTheStageThatFailedAndTheRestSkipped() {
        List<Box> boxes = FlowBoxes.of("rollback", List.of(stage("deploy", StageState.PASSED, 0, 3000),
                stage("register", StageState.FAILED, 3000, 3500), stage("undo", StageState.PASSED, 3500, 5000)), true, T0);

        assertThat(boxes).extracting(b -> b.stage() + " " + b.state()).containsExactly("deploy passed",
                "register failed", "undo passed", "switch skipped", "cleanup skipped");
    }

    @Test
    void anUndoAfterAFailedPostIntegrationOfARunComesBeforeTheSkippedCleanup() {
        List<Box> boxes = FlowBoxes.of("run", List.of(stage("checkout", StageState.PASSED, 0, 100),
                stage("test", StageState.PASSED, 100, 900), stage("build", StageState.PASSED, 100, 600),
                stage("push", StageState.PASSED, 900, 1000), stage("deploy", StageState.PASSED, 1000, 2000),
                stage("register", StageState.PASSED, 2000, 2100), stage("pre-integration", StageState.PASSED, 2100, 3000),
                stage("switch", StageState.PASSED, 3000, 3100), stage("post-integration", StageState.FAILED, 3100, 4000),
                stage("undo", StageState.PASSED, 4000, 4500)), true, T0);

        assertThat(boxes).extracting(b -> b.stage() + " " + b.state()).endsWith("switch passed",
                "post-integration failed", "undo passed", "analysis skipped", "cleanup skipped");
    }

    @Test
    void aScaleIsOneDeployStageAndAnUnknownKindShowsWhatWasStored() {
        assertThat(FlowBoxes.of("scale", List.of(), true, T0)).extracting(Box::stage).containsExactly("deploy");
        assertThat(FlowBoxes.of("deploy", List.of(), false, T0)).extracting(Box::stage).startsWith("deploy", "register")
                .doesNotContain("checkout", "test", "build", "push");
        assertThat(FlowBoxes.of("future", List.of(stage("x", StageState.PASSED, 0, 61_000)), true, T0))
                .containsExactly(new Box("x", "passed", "1 min 1 s", ""));
    }

    private static StageRecord stage(String name, StageState state, long startMillis, long endMillis) {
        return new StageRecord(name, state, T0.plusMillis(startMillis),
                endMillis < 0 ? Optional.empty() : Optional.of(T0.plusMillis(endMillis)), Optional.empty(), Optional.empty());
    }
}
