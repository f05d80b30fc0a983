package dev.gantry.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.BothStores;
import dev.gantry.ExitCode;
import dev.gantry.TestStore;
import dev.gantry.config.DeadlinesSpec;
import dev.gantry.store.NewRun;
import dev.gantry.store.StageRecord;
import dev.gantry.store.StageState;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A stage's deadline: enforced around whatever the stage's work waits for, recorded like any failure. */
@BothStores
class StageRunnerTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final Duration SHORT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private Store store;
    private long runId;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final RunListener listener = new RunListener() {
        @Override
        public void stageStarted(Stage stage) {
            events.add("started " + stage.word());
        }

        @Override
        public void stageOutput(Stage stage, String line) {
            events.add(stage.word() + " says " + line);
        }

        @Override
        public void stageFinished(Stage stage, StageState state, Duration took, Path log) {
            events.add(stage.word() + " " + state.word());
        }
    };

    @BeforeEach
    void aRun() {
        store = Store.open(testStore.url(dir));
        runId = store.runs().start(new NewRun("run", "books-ms", "abc123", "Add books", false, "cli", "service: books-ms\n",
                "127.0.0.1:5000/books-ms:abc123"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aStagePastItsDeadlineIsInterruptedFailedAndRecordedAsFailedWithTheDeadline() {
        var interrupted = new AtomicBoolean();
        StageRunner stages = runner(DeadlinesSpec.defaults().with("register", SHORT), Duration.ofSeconds(10));

        StageFailedException failure = catchThrowableOfType(StageFailedException.class,
                () -> stages.run(runId, Stage.REGISTER, log -> {
                    log.line("registering 2 instances");
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                }));

        String reason = "passed its deadline of 200ms (deadlines/register in gantry.yml)";
        assertThat(failure.stage()).isEqualTo(Stage.REGISTER);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(failure.lastLines()).startsWith("registering 2 instances");
        assertThat(interrupted).as("the stage's work was interrupted").isTrue();
        StageRecord row = stageRow("register");
        assertThat(row.state()).isEqualTo(StageState.FAILED);
        assertThat(row.message()).contains(reason);
        assertThat(store.runs().stageLog(runId, "register")).hasValueSatisfying(log ->
                assertThat(log).contains("registering 2 instances", "the register stage " + reason + "; stopping it"));
        assertThat(stages.failedStage()).contains(Stage.REGISTER);
        assertThat(events).startsWith("started register", "register says registering 2 instances")
                .endsWith("register failed");
    }

    @Test
    void workThatIgnoresTheInterruptIsLeftBehindAfterTheGraceAndTheLogSaysSo() {
        var release = new CountDownLatch(1);
        StageRunner stages = runner(DeadlinesSpec.defaults().with("switch", SHORT), Duration.ofMillis(100));

        try {
            assertThatThrownBy(() -> stages.run(runId, Stage.SWITCH, log -> awaitIgnoringInterrupts(release)))
                    .isInstanceOf(StageFailedException.class)
                    .hasMessage("stage switch failed: passed its deadline of 200ms (deadlines/switch in gantry.yml)");
        } finally {
            release.countDown();
        }
        assertThat(store.runs().stageLog(runId, "switch")).hasValueSatisfying(log -> assertThat(log)
                .contains("the switch stage's work did not stop within 100ms of being interrupted; Gantry goes on without it"));
    }

    @Test
    void aStageThatEndsInTimePasses() {
        StageRunner stages = runner(DeadlinesSpec.defaults().with("deploy", Duration.ofSeconds(30)), Duration.ofSeconds(10));

        stages.run(runId, Stage.DEPLOY, log -> log.line("started books-ms-blue-1"));

        assertThat(stageRow("deploy").state()).isEqualTo(StageState.PASSED);
        assertThat(stages.failedStage()).isEmpty();
        assertThat(events).as("each line is heard as it is written, before the stage ends")
                .containsExactly("started deploy", "deploy says started books-ms-blue-1", "deploy passed");
    }

    @Test
    void aStagesOwnFailureIsRethrownAsItWasThrown() {
        StageRunner stages = runner(DeadlinesSpec.defaults(), Duration.ofSeconds(10));
        var own = new StageFailedException(Stage.PUSH, "docker push of books-ms failed: denied", List.of("denied"));
        var unknown = new IllegalStateException("a bug in the stage");

        assertThatThrownBy(() -> stages.run(runId, Stage.PUSH, log -> {
            throw own;
        })).isSameAs(own);
        assertThatThrownBy(() -> stages.run(runId, Stage.BUILD, log -> {
            throw unknown;
        })).isSameAs(unknown);
        assertThat(stageRow("push").message()).contains("docker push of books-ms failed: denied");
        assertThat(stageRow("build").message()).contains("a bug in the stage");
        assertThat(stages.failedStage()).contains(Stage.PUSH);
    }

    private StageRunner runner(DeadlinesSpec deadlines, Duration grace) {
        return new StageRunner(store, listener, dir.resolve("logs"), deadlines, grace);
    }

    private StageRecord stageRow(String name) {
        return store.runs().find(runId).orElseThrow().stages().stream()
                .filter(stage -> stage.name().equals(name)).findFirst().orElseThrow();
    }

    /** Work that does not stop when interrupted: the case the grace exists for. */
    private static void awaitIgnoringInterrupts(CountDownLatch release) {
        while (true) {
            try {
                release.await();
                return;
            } catch (InterruptedException e) {
                // ignored on purpose
            }
        }
    }
}
