package dev.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.config.ProxySpec;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.proxy.Backend;
import dev.gantry.proxy.PreparedRoute;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.store.NewRun;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@BothStores
class SwitchTrafficTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final ProxySpec ROUTING = new ProxySpec("/api/v1/books", Optional.empty());
    private static final ColourRecord BLUE = new ColourRecord("r1", "reg/books-ms:r1", ColourState.LIVE,
            List.of(new Instance("127.0.0.1", 32001, "books-ms-blue-1")));
    private static final ColourRecord GREEN = new ColourRecord("r2", "reg/books-ms:r2", ColourState.CANDIDATE,
            List.of(new Instance("127.0.0.1", 32002, "books-ms-green-1"), new Instance("127.0.0.1", 32003, "books-ms-green-2")));

    @TempDir
    Path dir;

    private Store store;
    private Discovery discovery;
    private final RecordingProxy proxy = new RecordingProxy();
    private RunJournal journal;
    private Production production;

    @BeforeEach
    void openDiscovery() {
        store = Store.open(testStore.url(dir));
        discovery = Discovery.open("embedded", store);
        long runId = store.runs().start(new NewRun("run", "books-ms", "r2", "r2", false, "test", "service: books-ms", "reg/books-ms:r2"));
        journal = new RunJournal(store.journal(), runId, "books-ms");
        production = new Production(TestInstallation.ID, null, discovery, proxy);
    }

    @AfterEach
    void close() {
        discovery.close();
        store.close();
    }

    @Test
    void theFirstReleaseGoesLiveAndItsUndoLeavesNothingRoutedOrLive() {
        discovery.put("books-ms", Colour.GREEN, GREEN);

        switchTo(Colour.GREEN);

        assertThat(proxy.routes.get("books-ms").backends())
                .containsExactly(new Backend("127.0.0.1", 32002), new Backend("127.0.0.1", 32003));
        assertThat(discovery.live("books-ms")).contains(Colour.GREEN);
        assertThat(discovery.colour("books-ms", Colour.GREEN)).contains(GREEN.withState(ColourState.LIVE));

        assertThat(journal.undo(production, "test", line -> { })).isEmpty();

        assertThat(proxy.routes).isEmpty();
        assertThat(discovery.live("books-ms")).isEmpty();
        assertThat(discovery.colour("books-ms", Colour.GREEN)).contains(GREEN);
    }

    @Test
    void theSwitchAppliesTheRouteTheProxyPreparedBeforeTheStage() {
        discovery.put("books-ms", Colour.GREEN, GREEN);
        var switchTraffic = new SwitchTraffic(discovery, proxy);
        PreparedRoute prepared = switchTraffic.prepare("books-ms", ROUTING, Colour.GREEN, line -> { });
        assertThat(proxy.calls).containsExactly("prepare books-ms");
        assertThat(proxy.routes).isEmpty();

        switchTraffic.run("books-ms", ROUTING, Colour.GREEN, prepared, journal, line -> { });

        assertThat(proxy.calls).containsExactly("prepare books-ms",
                "route books-ms [127.0.0.1:32002, 127.0.0.1:32003]");
        assertThat(proxy.routes.get("books-ms").backends()).hasSize(2);
    }

    @Test
    void aRouteTheProxyRefusesFailsAtPrepareWithItsMessageAndNothingIsRoutedOrJournaled() {
        discovery.put("books-ms", Colour.GREEN, GREEN);
        proxy.refusal = new ProxyException("Cannot route books-ms through HAProxy: service shop is already routed at"
                + " /api/v1/books; unroute it first. The previous routing stays.");

        assertThatThrownBy(() -> new SwitchTraffic(discovery, proxy).prepare("books-ms", ROUTING, Colour.GREEN, line -> { }))
                .isSameAs(proxy.refusal);

        assertThat(proxy.routes).isEmpty();
        assertThat(discovery.live("books-ms")).isEmpty();
        assertThat(journal.undo(production, "test", line -> { })).isEmpty();
        assertThat(proxy.calls).containsExactly("prepare books-ms");
    }

    @Test
    void aPreparedRouteToOtherInstancesIsNotAppliedAndTheSwitchRoutesTheRegisteredOnes() {
        discovery.put("books-ms", Colour.GREEN, BLUE);
        var switchTraffic = new SwitchTraffic(discovery, proxy);
        PreparedRoute stale = switchTraffic.prepare("books-ms", ROUTING, Colour.GREEN, line -> { });
        discovery.put("books-ms", Colour.GREEN, GREEN);

        switchTraffic.run("books-ms", ROUTING, Colour.GREEN, stale, journal, line -> { });

        assertThat(proxy.routes.get("books-ms").backends())
                .containsExactly(new Backend("127.0.0.1", 32002), new Backend("127.0.0.1", 32003));
    }

    @Test
    void aSwitchDrainsTheOldColourAndItsUndoPutsEverythingBack() {
        discovery.put("books-ms", Colour.BLUE, BLUE);
        discovery.setLive("books-ms", Colour.BLUE);
        proxy.route(Effect.TrafficRouted.route("books-ms", ROUTING.path(), null, BLUE.instances()));
        discovery.put("books-ms", Colour.GREEN, GREEN);

        switchTo(Colour.GREEN);

        assertThat(discovery.live("books-ms")).contains(Colour.GREEN);
        assertThat(discovery.colour("books-ms", Colour.BLUE)).contains(BLUE.withState(ColourState.DRAINING));
        assertThat(proxy.routes.get("books-ms").backends()).hasSize(2);

        assertThat(journal.undo(production, "test", line -> { })).isEmpty();

        assertThat(discovery.live("books-ms")).contains(Colour.BLUE);
        assertThat(discovery.colour("books-ms", Colour.BLUE)).contains(BLUE);
        assertThat(discovery.colour("books-ms", Colour.GREEN)).contains(GREEN);
        assertThat(proxy.routes.get("books-ms").backends()).containsExactly(new Backend("127.0.0.1", 32001));
    }

    private void switchTo(Colour colour) {
        var switchTraffic = new SwitchTraffic(discovery, proxy);
        switchTraffic.run("books-ms", ROUTING, colour, switchTraffic.prepare("books-ms", ROUTING, colour, line -> { }),
                journal, line -> { });
    }
}
