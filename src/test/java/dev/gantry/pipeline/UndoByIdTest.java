package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.deploy.Effect;
import dev.gantry.deploy.Production;
import dev.gantry.deploy.RunJournal;
import dev.gantry.discovery.Discovery;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.flow.NeedsAttention;
import dev.gantry.flow.Recovery;
import dev.gantry.lock.DeployLocks;
import dev.gantry.notify.Notifier;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.stage.RunListener;
import dev.gantry.store.JournalEntry;
import dev.gantry.store.JournalState;
import dev.gantry.store.NewRun;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Undo and recovery act on what an effect produced, by container id, and a recovery that cannot finish is told once. */
@BothStores
class UndoByIdTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final String GANTRY_YML = "service: books-ms\nproxy: {path: /books}\n";
    private static final String GREEN_1 = "books-ms-green-1-" + TestInstallation.ID.value();

    @TempDir
    Path dir;

    private Store store;
    private Discovery discovery;
    private final RecordingEngine engine = new RecordingEngine();
    private Production production;
    private final List<String> warnings = new ArrayList<>();
    private final RunListener listener = new RunListener() {
        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    };

    @BeforeEach
    void open() {
        store = Store.open(testStore.url(dir));
        discovery = Discovery.open("embedded", store);
        production = new Production(TestInstallation.ID, engine, discovery, new RecordingProxy());
    }

    @AfterEach
    void close() {
        discovery.close();
        store.close();
    }

    @Test
    void aContainerStartThatNeverTookPlaceIsSkippedAndTheJournalSaysSo() {
        long runId = crashedRun();
        store.journal().intend(runId, "books-ms", "container-started", "start " + GREEN_1,
                RunJournal.encode(new Effect.ContainerStarted(GREEN_1, "reg/books-ms:r2", null)));

        recovery().recover("books-ms");

        assertThat(engine.calls).noneMatch(call -> call.startsWith("remove container"));
        JournalEntry entry = store.journal().entries(runId).getFirst();
        assertThat(entry.state()).isEqualTo(JournalState.UNDONE);
        assertThat(entry.message()).contains("nothing to undo: it never took place");
        assertThat(store.runs().find(runId).orElseThrow().state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void anIntendedStartWhoseContainerDockerMadeIsFoundByTheRunsLabelsAndRemoved() {
        long runId = crashedRun();
        store.journal().intend(runId, "books-ms", "container-started", "start " + GREEN_1,
                RunJournal.encode(new Effect.ContainerStarted(GREEN_1, "reg/books-ms:r2", null)));
        engine.start(app(GREEN_1, runId)); // made, but the process died before it journaled the id

        recovery().recover("books-ms");

        assertThat(engine.containers).isEmpty();
        assertThat(store.journal().entries(runId).getFirst().message()).isEmpty();
    }

    @Test
    void undoRemovesTheContainerItStartedByIdEvenWhenAnotherNowCarriesItsName() {
        long runId = crashedRun();
        var journal = new RunJournal(store.journal(), runId, "books-ms");
        String id = journal.started(new Effect.ContainerStarted(GREEN_1, "reg/books-ms:r2", null),
                () -> engine.start(app(GREEN_1, runId)));
        engine.rename(id, "moved-by-a-person");
        String other = engine.start(ContainerSpec.of("reg/books-ms:r9", GREEN_1)
                .withLabels(Map.of("gantry.installation", "other001", "gantry.service", "books-ms")));

        recovery().recover("books-ms");

        assertThat(engine.containers).containsOnlyKeys(other);
        assertThat(engine.calls).contains("remove container moved-by-a-person");
    }

    @Test
    void aChangeAlreadyUndoneIsNotUndoneTwice() {
        long runId = crashedRun();
        var journal = new RunJournal(store.journal(), runId, "books-ms");
        journal.started(new Effect.ContainerStarted(GREEN_1, "reg/books-ms:r2", null), () -> engine.start(app(GREEN_1, runId)));
        assertThat(journal.undo(production, "run " + runId, line -> { })).isEmpty();
        engine.start(app(GREEN_1, runId)); // a later container of the same name and labels
        engine.calls.clear();

        assertThat(new RunJournal(store.journal(), runId, "books-ms").undo(production, "again", line -> { })).isEmpty();

        assertThat(engine.calls).isEmpty();
        assertThat(engine.running()).containsExactly(GREEN_1);
        assertThat(store.journal().entries(runId).getFirst().undoneBy()).contains("run " + runId);
    }

    @Test
    void aContainerGoneBeforeItsUndoIsNotAnErrorAndIsMarkedAsGoneAlready() {
        long runId = crashedRun();
        var journal = new RunJournal(store.journal(), runId, "books-ms");
        String id = journal.started(new Effect.ContainerStarted(GREEN_1, "reg/books-ms:r2", null),
                () -> engine.start(app(GREEN_1, runId)));
        engine.containers.remove(id);

        recovery().recover("books-ms");

        assertThat(store.journal().entries(runId).getFirst().message()).contains("nothing to undo: what it made is gone already");
        assertThat(store.runs().find(runId).orElseThrow().state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void aRecoveryThatCannotFinishSaysWhatToDoOnceAndIsNotRetriedUntilTheLockIsReleased() {
        long runId = crashedRun();
        new RunJournal(store.journal(), runId, "books-ms").started(
                new Effect.ContainerStarted(GREEN_1, "reg/books-ms:r2", null), () -> engine.start(app(GREEN_1, runId)));
        engine.refuseRemoves("device or resource busy");

        new Recovery(store, engine, production, listener, Notifier.none()).recoverAll(new DeployLocks(store));

        RunRecord run = store.runs().find(runId).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.NEEDS_ATTENTION);
        assertThat(run.message().orElseThrow()).contains("could not undo: start " + GREEN_1)
                .contains("device or resource busy").contains("gantry lock release books-ms");
        assertThat(warnings).filteredOn(w -> w.contains("gantry lock release books-ms")).hasSize(1);
        assertThat(Recovery.needed(store)).isFalse();
        engine.calls.clear();
        assertThat(new Recovery(store, engine, production, listener, Notifier.none()).recoverAll(new DeployLocks(store)))
                .isEmpty();
        assertThat(engine.calls).isEmpty();
        assertThat(NeedsAttention.reminders(store)).containsExactly("run " + runId + " of books-ms needs attention"
                + " (gantry history books-ms says why; gantry lock release books-ms tries its undo again)");

        engine.refuseRemoves(null);
        assertThat(new Recovery(store, engine, production, listener, Notifier.none()).retry("books-ms",
                new DeployLocks(store))).containsExactly(runId);

        assertThat(engine.containers).isEmpty();
        assertThat(store.runs().find(runId).orElseThrow().state()).isEqualTo(RunState.FAILED);
        assertThat(NeedsAttention.reminders(store)).isEmpty();
    }

    private Recovery recovery() {
        return new Recovery(store, engine, production, listener, Notifier.none());
    }

    private long crashedRun() {
        long runId = store.runs().start(new NewRun("run", "books-ms", "r2", "Second", false, "cli (test)", GANTRY_YML,
                "reg/books-ms:r2"));
        store.runs().stageStarted(runId, "deploy");
        return runId;
    }

    private static ContainerSpec app(String name, long runId) {
        return ContainerSpec.of("reg/books-ms:r2", name).withLabels(Map.of("gantry.installation",
                TestInstallation.ID.value(), "gantry.service", "books-ms", "gantry.colour", "green", "gantry.role", "app",
                "gantry.run", Long.toString(runId)));
    }
}
