package dev.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.store.JournalState;
import dev.gantry.store.NewRun;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@BothStores
class RunJournalTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final ColourRecord GREEN = new ColourRecord("r2", "reg/books-ms:r2", ColourState.CANDIDATE,
            List.of(new Instance("127.0.0.1", 32002, "books-ms-green-1")));

    @TempDir
    Path dir;

    private Store store;
    private Discovery discovery;
    private long runId;

    @BeforeEach
    void open() {
        store = Store.open(testStore.url(dir));
        discovery = Discovery.open("embedded", store);
        runId = store.runs().start(new NewRun("run", "books-ms", "r2", "r2", false, "test", "service: books-ms", "img"));
    }

    @AfterEach
    void close() {
        discovery.close();
        store.close();
    }

    @Test
    void everyEffectIsReadBackAsItWasWritten() {
        List<Effect> effects = List.of(
                new Effect.ContainerStarted("books-ms-green-1", "reg/books-ms:r2", "c0ffee"),
                new Effect.ContainerSetAside("books-ms-green-1", "books-ms-green-1-aside-7", "c0ffee"),
                new Effect.ColourRegistered("books-ms", Colour.GREEN, GREEN, null),
                new Effect.ColourRegistered("books-ms", Colour.BLUE, GREEN.withState(ColourState.DRAINING), GREEN),
                new Effect.TrafficRouted("books-ms", "/api", "books.example.com", GREEN.instances(), null),
                new Effect.LiveMoved("books-ms", Colour.GREEN, Colour.BLUE),
                new Effect.ReleaseKept("books-ms", Colour.GREEN, null),
                new Effect.ContainerStopped("books-ms-blue-1"),
                new Effect.ContainerRemoved("books-ms-green-1-aside-7"),
                new Effect.ColourDeregistered("books-ms", Colour.BLUE),
                new Effect.ImageRemoved("reg/books-ms:r0"),
                new Effect.ServiceCreated("books-ms-green-k3x9a2bq", "reg/books-ms:r2", "svc0ffee"),
                new Effect.ServiceRemoved("books-ms-blue-k3x9a2bq"));
        var journal = new RunJournal(store.journal(), runId, "books-ms");

        effects.forEach(effect -> journal.record(effect, () -> { }));

        assertThat(journal.entries()).extracting(RunJournal.Journaled::effect).containsExactlyElementsOf(effects);
        assertThat(store.journal().entries(runId)).extracting(e -> e.effect()).containsExactly(
                "container-started", "container-set-aside", "colour-registered", "colour-registered", "traffic-routed",
                "live-moved", "release-kept", "container-stopped", "container-removed", "colour-deregistered",
                "image-removed", "service-created", "service-removed");
    }

    @Test
    void aChangeIsJournaledBeforeItIsMadeAndDoneAfter() {
        var journal = new RunJournal(store.journal(), runId, "books-ms");
        List<JournalState> seenDuringTheChange = new ArrayList<>();

        journal.record(new Effect.LiveMoved("books-ms", Colour.GREEN, null),
                () -> seenDuringTheChange.add(store.journal().entries(runId).getFirst().state()));

        assertThat(seenDuringTheChange).containsExactly(JournalState.INTENDED);
        assertThat(store.journal().entries(runId).getFirst().state()).isEqualTo(JournalState.DONE);
    }

    @Test
    void undoTakesChangesBackNewestFirstAndAFailingOneStaysForRecovery() {
        var proxy = new RecordingProxy() {
            @Override
            public void unroute(String service) {
                throw new IllegalStateException("the proxy is gone");
            }
        };
        var journal = new RunJournal(store.journal(), runId, "books-ms");
        journal.record(new Effect.ColourRegistered("books-ms", Colour.GREEN, GREEN, null),
                () -> discovery.put("books-ms", Colour.GREEN, GREEN));
        journal.record(new Effect.TrafficRouted("books-ms", "/api", null, GREEN.instances(), null),
                () -> proxy.route(Effect.TrafficRouted.route("books-ms", "/api", null, GREEN.instances())));
        journal.record(new Effect.LiveMoved("books-ms", Colour.GREEN, null), () -> discovery.setLive("books-ms", Colour.GREEN));
        List<String> log = new ArrayList<>();

        List<String> failures = journal.undo(new Production(TestInstallation.ID, null, discovery, proxy), "run 1", log::add);

        assertThat(failures).containsExactly("route /api to [127.0.0.1:32002] could not be undone: the proxy is gone");
        assertThat(log).containsExactly("undone: make books-ms green live",
                "UNDO FAILED: route /api to [127.0.0.1:32002] could not be undone: the proxy is gone",
                "undone: register books-ms green as candidate (1 instance(s), release r2)");
        assertThat(discovery.live("books-ms")).isEmpty();
        assertThat(discovery.colour("books-ms", Colour.GREEN)).isEmpty();
        assertThat(store.journal().entries(runId)).extracting(e -> e.state())
                .containsExactly(JournalState.UNDONE, JournalState.UNDO_FAILED, JournalState.UNDONE);
        assertThat(store.journal().entries(runId).get(0).undoneBy()).contains("run 1");
    }

    @Test
    void aChangeThatWasOnlyIntendedIsTakenBackToo() {
        int seq = store.journal().intend(runId, "books-ms", "live-moved", "make books-ms green live",
                RunJournal.encode(new Effect.LiveMoved("books-ms", Colour.GREEN, Colour.BLUE)));
        discovery.setLive("books-ms", Colour.GREEN);

        new RunJournal(store.journal(), runId, "books-ms").undo(new Production(TestInstallation.ID, null, discovery, new RecordingProxy()),
                "recovery", line -> { });

        assertThat(discovery.live("books-ms")).contains(Colour.BLUE);
        assertThat(store.journal().entries(runId).get(seq - 1).state()).isEqualTo(JournalState.UNDONE);
    }

    @Test
    void onceUndoHasBegunTheJournalRefusesNewChangesBeforeTheyAreMade() {
        var journal = new RunJournal(store.journal(), runId, "books-ms");
        journal.undo(new Production(TestInstallation.ID, null, discovery, new RecordingProxy()), "run 1", line -> { });
        List<String> made = new ArrayList<>();

        assertThatThrownBy(() -> journal.record(
                        new Effect.ContainerStarted("books-ms-green-2", "img", null), () -> made.add("started")))
                .isInstanceOf(DeployFailedException.class).hasMessageContaining("the run is being undone");
        assertThat(made).isEmpty();
        assertThat(store.journal().entries(runId)).isEmpty();
    }
}
