package dev.gantry.pipeline;

import dev.gantry.BothStores;
import dev.gantry.GitRepo;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.notify.Notifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.config.Installation;
import dev.gantry.config.ServiceConfig;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Discovery;
import dev.gantry.engine.ContainerExit;
import dev.gantry.image.Registry;
import dev.gantry.lock.DeployLocks;
import dev.gantry.lock.HeldLock;
import dev.gantry.lock.Lease;
import dev.gantry.lock.LockHeldException;
import dev.gantry.lock.Owner;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageFailedException;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** run, deploy and rollback hold the service's lock (docs/locks.md), against a recording engine and proxy. */
@BothStores
class PipelineLockTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final String GANTRY_YML = """
            service: books-ms
            run: {replicas: 1, health: {path: /health, interval: 100ms, timeout: 1s}}
            proxy: {path: /api/v1/books}
            deploy: {drain: 1ms}
            """;

    @TempDir
    Path dir;

    private Path home;
    private Store store;
    private Store otherProcess;
    private Discovery discovery;
    private ServiceSource source;
    private String commit;
    private final RecordingEngine engine = new RecordingEngine();
    private final List<Optional<Lease>> leaseAtEachStage = new CopyOnWriteArrayList<>();
    private final List<Lease> waitedFor = new CopyOnWriteArrayList<>();

    @BeforeEach
    void aCommittedService() {
        home = dir.resolve("home");
        store = Store.open(testStore.url(home));
        otherProcess = Store.open(testStore.url(home));
        discovery = Discovery.open("embedded", store);
        GitRepo repo = GitRepo.init(dir.resolve("repo"))
                .write("books/gantry.yml", GANTRY_YML)
                .write("books/Dockerfile", "FROM gantry/java:25\n")
                .write("books/Dockerfile.test", "FROM gantry/java:25\n");
        commit = repo.commit("Add books");
        source = ServiceSource.locate(repo.root().resolve("books"));
    }

    @AfterEach
    void closeStore() {
        discovery.close();
        store.close();
        otherProcess.close();
    }

    @Test
    void aRunHoldsTheLockWithItsRunIdWhileItRunsAndGivesItBack() {
        RunOutcome outcome = pipeline(Pipeline.LOCK_WAIT).run(source, source.config(), "cli");

        assertThat(leaseAtEachStage).isNotEmpty().allSatisfy(lease -> assertThat(lease).hasValueSatisfying(held -> {
            assertThat(held.owner()).isEqualTo(Owner.current());
            assertThat(held.runId()).isEqualTo(outcome.runId());
            assertThat(held.message()).isEqualTo("run of books-ms at " + commit.substring(0, 12) + " \"Add books\"");
        }));
        assertThat(locks().status("books-ms")).as("the lock after the run").isEmpty();
    }

    @Test
    void aFailedRunGivesTheLockBackToo() {
        engine.testsExit("pre-deployment", new ContainerExit(1, false, false));

        assertThatThrownBy(() -> pipeline(Pipeline.LOCK_WAIT).run(source, source.config(), "cli"))
                .isInstanceOf(StageFailedException.class);

        assertThat(locks().status("books-ms")).isEmpty();
    }

    @Test
    void aLockedServiceRefusesRunDeployAndRollbackWithoutWaitAndNothingIsRecordedOrStarted() {
        RunOutcome first = pipeline(Pipeline.LOCK_WAIT).run(source, source.config(), "cli");
        int callsBefore = engine.calls.size();

        try (HeldLock other = locks().acquire("books-ms", "run of books-ms elsewhere", Duration.ZERO, l -> { })) {
            Pipeline noWait = pipeline(Duration.ZERO);
            assertThatThrownBy(() -> noWait.run(source, source.config(), "cli")).isInstanceOf(LockHeldException.class);
            assertThatThrownBy(() -> noWait.deploy("books-ms", commit, "cli")).isInstanceOf(LockHeldException.class);
            assertThatThrownBy(() -> noWait.rollback("books-ms", "cli"))
                    .isInstanceOfSatisfying(LockHeldException.class, e -> assertThat(e.holder()).isEqualTo(other.lease()));
        }

        assertThat(store.runs().history("books-ms", 10)).extracting(r -> r.id()).containsExactly(first.runId());
        assertThat(engine.calls).hasSize(callsBefore);
        assertThat(waitedFor).as("nothing to wait for with no wait").isEmpty();
    }

    @Test
    void aWaitingRunTellsItsListenerWhoHoldsTheLock() {
        try (HeldLock other = locks().acquire("books-ms", "deploy of books-ms:abc", Duration.ZERO, l -> { })) {
            ServiceConfig config = source.config();

            assertThatThrownBy(() -> pipeline(Duration.ofMillis(600)).run(source, config, "cli"))
                    .isInstanceOf(LockHeldException.class);

            assertThat(waitedFor).containsExactly(other.lease());
        }
    }

    private DeployLocks locks() {
        return new DeployLocks(otherProcess);
    }

    private Pipeline pipeline(Duration lockWait) {
        var installation = Installation.load(Map.of("GANTRY_HOME", home.toString()));
        var production = new Production(TestInstallation.ID, engine, discovery, new RecordingProxy(), (url, timeout) -> 200);
        return new Pipeline(engine, Registry.at("127.0.0.1:5000"), store, production, installation, new RunListener() {
            @Override
            public void waitingForLock(Lease holder) {
                waitedFor.add(holder);
            }

            @Override
            public void stageStarted(Stage stage) {
                leaseAtEachStage.add(locks().status("books-ms"));
            }
        }, lockWait, Notifier.none());
    }
}
