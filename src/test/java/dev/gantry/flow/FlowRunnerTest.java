package dev.gantry.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.ExitCode;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.config.DeadlinesSpec;
import dev.gantry.config.ServiceConfig;
import dev.gantry.deploy.Deployment;
import dev.gantry.deploy.Effect;
import dev.gantry.deploy.Production;
import dev.gantry.deploy.RunJournal;
import dev.gantry.discovery.Instance;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.proxy.Route;
import dev.gantry.stage.RunListener;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageFailedException;
import dev.gantry.stage.StageRunner;
import dev.gantry.store.NewRun;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The undo of a flow: a stage of its own, under its deadline, whose failure leaves production to a person. */
@BothStores
class FlowRunnerTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final Duration SHORT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private Store store;
    private long runId;

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
    void anUndoPastItsDeadlineLeavesProductionToAPersonNotExitOne() {
        StageRunner stages = runner(DeadlinesSpec.defaults().with("undo", SHORT), Duration.ofSeconds(10));
        var journal = new RunJournal(store.journal(), runId, "books-ms");
        List<Instance> blue = List.of(new Instance("127.0.0.1", 32001, "books-ms-blue-1"));
        journal.record(new Effect.TrafficRouted("books-ms", "/books", null, blue, blue), () -> { });
        var hungProxy = new RecordingProxy() {
            @Override
            public void route(Route route) {
                blockUntilInterrupted();
            }
        };
        var production = new Production(TestInstallation.ID, null, null, hungProxy);
        var failure = new StageFailedException(Stage.DEPLOY, "books-ms-green-1 did not answer /health", List.of());

        var deployment = Deployment.ofCommit(TestInstallation.ID, runId, ServiceConfig.parse("service: books-ms\n",
                "gantry.yml"), "abc123", "127.0.0.1:5000");
        var run = FlowRun.ofImage(deployment, null, null, production, store);

        assertThatThrownBy(() -> FlowRunner.undo(stages, new Undo(), run, failure))
                .isInstanceOfSatisfying(UndoFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT_UNUSABLE);
                    assertThat(e.failures()).containsExactly(
                            "the undo stage passed its deadline of 200ms (deadlines/undo in gantry.yml)");
                    assertThat(e.getMessage()).startsWith("stage deploy failed: books-ms-green-1 did not answer /health;"
                            + " undoing the run's changes failed too");
                });
    }

    private StageRunner runner(DeadlinesSpec deadlines, Duration grace) {
        return new StageRunner(store, RunListener.SILENT, dir.resolve("logs"), deadlines, grace);
    }

    private static void blockUntilInterrupted() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while routing back");
        }
    }
}
