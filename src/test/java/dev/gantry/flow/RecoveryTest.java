package dev.gantry.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.deploy.Effect;
import dev.gantry.deploy.Production;
import dev.gantry.deploy.RunJournal;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.lock.DeployLocks;
import dev.gantry.lock.HeldLock;
import dev.gantry.notify.Notifier;
import dev.gantry.pipeline.RecordingEngine;
import dev.gantry.proxy.Backend;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.stage.RunListener;
import dev.gantry.store.NewRun;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.StageState;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Recovery of runs whose gantry process died, from the journal alone, against fakes of production. */
@BothStores
class RecoveryTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final String GANTRY_YML = "service: books-ms\nproxy: {path: /books}\ndeploy: {drain: 1ms}\n";
    private static final Instance BLUE_1 = new Instance("127.0.0.1", 32001, "books-ms-blue-1");
    private static final Instance GREEN_1 = new Instance("127.0.0.1", 32002, "books-ms-green-1");
    private static final ColourRecord BLUE = new ColourRecord("r1", "reg/books-ms:r1", ColourState.LIVE, List.of(BLUE_1));
    private static final ColourRecord GREEN = new ColourRecord("r2", "reg/books-ms:r2", ColourState.CANDIDATE, List.of(GREEN_1));

    @TempDir
    Path dir;

    private Store store;
    private Discovery discovery;
    private final RecordingEngine engine = new RecordingEngine();
    private final RecordingProxy proxy = new RecordingProxy();
    private Production production;

    @BeforeEach
    void blueIsLive() {
        store = Store.open(testStore.url(dir));
        discovery = Discovery.open("embedded", store);
        production = new Production(TestInstallation.ID, engine, discovery, proxy);
        engine.start(app("books-ms-blue-1", "blue", "reg/books-ms:r1"));
        discovery.put("books-ms", Colour.BLUE, BLUE);
        discovery.setLive("books-ms", Colour.BLUE);
        proxy.route(Effect.TrafficRouted.route("books-ms", "/books", null, List.of(BLUE_1)));
    }

    @AfterEach
    void close() {
        discovery.close();
        store.close();
    }

    @Test
    void aRunKilledDuringTheSwitchIsUndoneEvenTheChangeItHadNotConfirmed() {
        long runId = crashedRun("switch");
        var journal = new RunJournal(store.journal(), runId, "books-ms");
        journal.started(new Effect.ContainerStarted("books-ms-green-1", "reg/books-ms:r2", null),
                () -> engine.start(app("books-ms-green-1", "green", "reg/books-ms:r2")));
        journal.record(new Effect.ColourRegistered("books-ms", Colour.GREEN, GREEN, null),
                () -> discovery.put("books-ms", Colour.GREEN, GREEN));
        journal.record(new Effect.TrafficRouted("books-ms", "/books", null, List.of(GREEN_1), List.of(BLUE_1)),
                () -> proxy.route(Effect.TrafficRouted.route("books-ms", "/books", null, List.of(GREEN_1))));
        store.journal().intend(runId, "books-ms", "live-moved", "make books-ms green live",
                RunJournal.encode(new Effect.LiveMoved("books-ms", Colour.GREEN, Colour.BLUE)));
        discovery.setLive("books-ms", Colour.GREEN); // made, but the process died before it said so

        List<Long> recovered = new Recovery(store, engine, production, RunListener.SILENT, Notifier.none()).recover("books-ms");

        assertThat(recovered).containsExactly(runId);
        assertThat(engine.running()).containsExactly("books-ms-blue-1");
        assertThat(discovery.live("books-ms")).contains(Colour.BLUE);
        assertThat(discovery.colours("books-ms")).containsExactly(Map.entry(Colour.BLUE, BLUE));
        assertThat(proxy.routes.get("books-ms").backends()).containsExactly(new Backend("127.0.0.1", 32001));
        RunRecord run = store.runs().find(runId).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.failedStage()).contains("switch");
        assertThat(run.message().orElseThrow()).contains("its gantry process stopped during switch")
                .contains("undid its changes");
        assertThat(run.stages()).extracting(s -> s.state()).containsExactly(StageState.CANCELLED);
        assertThat(Recovery.needed(store)).isFalse();
    }

    @Test
    void aRunKilledAfterItsReleasePassedHasItsCleanupFinished() {
        long runId = crashedRun("cleanup");
        engine.start(app("books-ms-green-1", "green", "reg/books-ms:r2"));
        discovery.put("books-ms", Colour.GREEN, GREEN.withState(ColourState.LIVE));
        discovery.put("books-ms", Colour.BLUE, BLUE.withState(ColourState.DRAINING));
        discovery.setLive("books-ms", Colour.GREEN);
        new RunJournal(store.journal(), runId, "books-ms").keep(new Effect.ReleaseKept("books-ms", Colour.GREEN, Colour.BLUE));

        new Recovery(store, engine, production, RunListener.SILENT, Notifier.none()).recover("books-ms");

        assertThat(engine.running()).containsExactly("books-ms-green-1");
        assertThat(discovery.colours("books-ms")).containsOnlyKeys(Colour.GREEN);
        assertThat(discovery.live("books-ms")).contains(Colour.GREEN);
        RunRecord run = store.runs().find(runId).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.colour()).contains("green");
        assertThat(run.message().orElseThrow()).contains("finished the cleanup");
    }

    @Test
    void aServiceWhoseLockALiveProcessHoldsIsLeftToIt() {
        long runId = crashedRun("deploy");
        var locks = new DeployLocks(store);

        try (HeldLock held = locks.acquire("books-ms", "a live run", Duration.ZERO, lease -> { })) {
            assertThat(new Recovery(store, engine, production, RunListener.SILENT, Notifier.none()).recoverAll(new DeployLocks(store)))
                    .isEmpty();
        }
        assertThat(store.runs().find(runId).orElseThrow().state()).isEqualTo(RunState.RUNNING);

        assertThat(new Recovery(store, engine, production, RunListener.SILENT, Notifier.none()).recoverAll(locks)).containsExactly(runId);
    }

    private long crashedRun(String stage) {
        long runId = store.runs().start(new NewRun("run", "books-ms", "r2", "Second", false, "cli (test)", GANTRY_YML,
                "reg/books-ms:r2"));
        store.runs().stageStarted(runId, stage);
        return runId;
    }

    private static ContainerSpec app(String name, String colour, String image) {
        return ContainerSpec.of(image, name).withLabels(Map.of("gantry.installation", TestInstallation.ID.value(),
                "gantry.service", "books-ms", "gantry.colour", colour, "gantry.role", "app"));
    }
}
