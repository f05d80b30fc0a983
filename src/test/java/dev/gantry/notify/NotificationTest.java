package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.StageRecord;
import dev.gantry.store.StageState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The event and the state of production, read from a stored run. */
class NotificationTest {
    private static final Instant STARTED = Instant.parse("2026-11-27T10:00:00Z");
    private static final String IMAGE = "127.0.0.1:5000/books-ms:" + Samples.COMMIT;

    @Test
    void aRunThatPutItsReleaseLiveSucceeded() {
        Notification n = Notification.of(run("run", RunState.SUCCEEDED, Optional.of("blue"), List.of()), "ci-1")
                .orElseThrow();

        assertThat(n).isEqualTo(new Notification(Event.SUCCEEDED, "books-ms", 7, "run", Samples.COMMIT, "Add search",
                Optional.of(IMAGE), Optional.of("blue"), Optional.empty(), Optional.empty(), ProductionState.UPDATED,
                Duration.ofSeconds(42), "ci-1", "cli", STARTED.plusSeconds(42)));
        assertThat(n.summary()).isEqualTo("books-ms: run 7 succeeded; 1a2b3c4d5e6f is live in blue");
    }

    @Test
    void aRollbackThatSucceededRolledBack() {
        Notification n = Notification.of(run("rollback", RunState.SUCCEEDED, Optional.of("green"), List.of()), "ci-1")
                .orElseThrow();

        assertThat(n.event()).isEqualTo(Event.ROLLED_BACK);
        assertThat(n.summary()).isEqualTo("books-ms: rollback 7 succeeded; 1a2b3c4d5e6f is live again in green");
    }

    @Test
    void aScaleThatSucceededSaysWhatItDid() {
        RunRecord scale = run("scale", RunState.SUCCEEDED, Optional.of("blue"), List.of());
        Notification n = Notification.of(new RunRecord(scale.id(), scale.kind(), scale.service(), scale.commit(),
                "scale to 3 replica(s) from 2", false, "alertmanager (Busy)", scale.state(), scale.failedStage(),
                scale.message(), scale.startedAt(), scale.finishedAt(), scale.config(), scale.image(), scale.colour(),
                OptionalInt.of(3), scale.stages()), "ci-1").orElseThrow();

        assertThat(n.event()).isEqualTo(Event.SUCCEEDED);
        assertThat(n.summary()).isEqualTo("books-ms: scale 7 succeeded; 1a2b3c4d5e6f is live in blue, scale to 3 replica(s)"
                + " from 2");
    }

    @Test
    void aRunThatFailedBeforeTheDeploymentLeftProductionUnchanged() {
        Notification n = Notification.of(run("run", RunState.FAILED, Optional.empty(),
                List.of(stage("test", StageState.FAILED))), "ci-1").orElseThrow();

        assertThat(n.event()).isEqualTo(Event.FAILED);
        assertThat(n.production()).isEqualTo(ProductionState.UNCHANGED);
        assertThat(n.summary()).isEqualTo("books-ms: run 7 failed at stage test; production is unchanged");
        assertThat(n.message()).contains("stage test failed: exit code 3");
    }

    @Test
    void aFailedRunWhoseUndoPassedRestoredProduction() {
        Notification n = Notification.of(run("deploy", RunState.FAILED, Optional.empty(),
                List.of(stage("deploy", StageState.FAILED), stage("undo", StageState.PASSED))), "ci-1").orElseThrow();

        assertThat(n.production()).isEqualTo(ProductionState.RESTORED);
        assertThat(n.summary()).isEqualTo("books-ms: deploy 7 failed at stage test; production was restored");
    }

    @Test
    void aFailedRunWhoseUndoFailedSaysProductionNeedsAPerson() {
        Notification n = Notification.of(run("rollback", RunState.FAILED, Optional.empty(),
                List.of(stage("switch", StageState.FAILED), stage("undo", StageState.FAILED))), "ci-1").orElseThrow();

        assertThat(n.event()).isEqualTo(Event.FAILED);
        assertThat(n.production()).isEqualTo(ProductionState.NOT_RESTORED);
        assertThat(n.summary()).endsWith("; production was NOT restored and needs a person");
    }

    @Test
    void aRunStillRunningHasNoNotification() {
        assertThat(Notification.of(run("run", RunState.RUNNING, Optional.empty(), List.of()), "ci-1")).isEmpty();
    }

    @Test
    void theMaskReachesTheTextsThatCameFromPeopleAndCommands() {
        Notification masked = Samples.failed().masked(text -> text.replace("exit code 1", "***").replace("<search>", "***"));

        assertThat(masked.title()).isEqualTo("Fix *** & paging");
        assertThat(masked.message()).contains("stage post-integration failed: the post-integration tests failed: ***");
    }

    private static RunRecord run(String kind, RunState state, Optional<String> colour, List<StageRecord> stages) {
        boolean failed = state == RunState.FAILED;
        return new RunRecord(7, kind, "books-ms", Samples.COMMIT, "Add search", false, "cli", state,
                failed ? Optional.of("test") : Optional.empty(),
                failed ? Optional.of("stage test failed: exit code 3") : Optional.empty(),
                STARTED, state == RunState.RUNNING ? Optional.empty() : Optional.of(STARTED.plusSeconds(42)),
                Optional.of("service: books-ms\n"), Optional.of(IMAGE), colour, OptionalInt.empty(), stages);
    }

    private static StageRecord stage(String name, StageState state) {
        return new StageRecord(name, state, STARTED, Optional.of(STARTED.plusSeconds(1)), Optional.empty(),
                Optional.empty());
    }
}
