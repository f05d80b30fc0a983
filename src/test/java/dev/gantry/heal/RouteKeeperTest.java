package dev.gantry.heal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.lock.DeployLocks;
import dev.gantry.proxy.Backend;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.proxy.Route;
import dev.gantry.store.NewRun;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route keeper holds each live colour's record and route to its replicas that run and answer
 * (docs/swarm.md#routes-follow-the-replicas), drops a routed replica that stopped answering before the orchestrator
 * notices, and leaves a service alone while a run holds its lock.
 */
@BothStores
class RouteKeeperTest {
    private static final Instance ONE = new Instance("10.214.0.11", 30001, "books-ms-blue-x.1");
    private static final Instance TWO = new Instance("10.214.0.12", 30002, "books-ms-blue-x.2");
    private static final Instance TWO_AGAIN = new Instance("10.214.0.13", 30005, "books-ms-blue-x.2");

    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path dir;

    private final RecordingProxy proxy = new RecordingProxy();
    private final List<String> log = new ArrayList<>();
    private final List<String> checked = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statusOf = new ConcurrentHashMap<>();
    private final StubReplicas replicas = new StubReplicas();
    private int healthStatus = 200;
    private Store store;
    private Discovery discovery;
    private RouteKeeper keeper;

    @BeforeEach
    void liveInBlueOnTwoReplicas() {
        replicas.running = List.of(ONE, TWO);
        store = Store.open(testStore.url(dir));
        discovery = Discovery.open("embedded", store);
        long run = store.runs().start(new NewRun("run", "books-ms", "r1", "r1", false, "test",
                "service: books-ms\nrun: {health: {path: /ready}}\n", "img"));
        store.runs().wentLive(run, "blue");
        store.runs().finish(run, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
        discovery.put("books-ms", Colour.BLUE, new ColourRecord("r1", "reg/books-ms:r1", ColourState.LIVE, List.of(ONE, TWO)));
        discovery.setLive("books-ms", Colour.BLUE);
        proxy.route(new Route("books-ms", "/books", Optional.empty(), List.of(backend(ONE), backend(TWO))));
        var production = new Production(TestInstallation.ID, null, replicas, discovery, proxy);
        keeper = new RouteKeeper(production, new DeployLocks(store), store.runs(), (url, timeout) -> {
            checked.add(url);
            return statusOf.getOrDefault(url, healthStatus);
        }, log::add);
    }

    @AfterEach
    void close() {
        discovery.close();
        store.close();
    }

    @Test
    void aReplicaThatStoppedLeavesTheRouteAndTheRecord() {
        replicas.running = List.of(ONE);

        assertThat(keeper.look()).containsExactly("books-ms");

        assertThat(discovery.colour("books-ms", Colour.BLUE).orElseThrow().instances()).containsExactly(ONE);
        assertThat(proxy.routes().get("books-ms").backends()).containsExactly(backend(ONE));
        assertThat(proxy.routes().get("books-ms").pathPrefix()).isEqualTo("/books");
        assertThat(log).containsExactly("books-ms blue: routes follow the replicas: -10.214.0.12:30002 (books-ms-blue-x.2)");
        assertThat(checked).as("every running replica is checked, at the live release's health path")
                .containsExactly("http://10.214.0.11:30001/ready");
    }

    @Test
    void aRoutedReplicaThatFailsItsHealthCheckTwiceInARowLeavesWhileTheOrchestratorStillCountsIt() {
        statusOf.put("http://10.214.0.12:30002/ready", -1);  // its node cut off: no answer

        assertThat(keeper.look()).as("one missed check is not yet a dead replica").isEmpty();
        assertThat(keeper.look()).containsExactly("books-ms");

        assertThat(proxy.routes().get("books-ms").backends()).containsExactly(backend(ONE));
        assertThat(discovery.colour("books-ms", Colour.BLUE).orElseThrow().instances()).containsExactly(ONE);

        statusOf.remove("http://10.214.0.12:30002/ready");
        assertThat(keeper.look()).as("it joins again once it answers").containsExactly("books-ms");
        assertThat(proxy.routes().get("books-ms").backends()).containsExactly(backend(ONE), backend(TWO));
    }

    @Test
    void aCheckMissedOnceInBetweenKeepsTheReplica() {
        statusOf.put("http://10.214.0.12:30002/ready", 503);
        assertThat(keeper.look()).isEmpty();
        statusOf.remove("http://10.214.0.12:30002/ready");
        assertThat(keeper.look()).isEmpty();
        statusOf.put("http://10.214.0.12:30002/ready", 503);

        assertThat(keeper.look()).as("the count starts again after an answer").isEmpty();
        assertThat(proxy.routes().get("books-ms").backends()).containsExactly(backend(ONE), backend(TWO));
    }

    @Test
    void aReplacementJoinsOnceItAnswersTheHealthPathOfTheLiveRelease() {
        replicas.running = List.of(ONE, TWO_AGAIN);
        healthStatus = 503;

        assertThat(keeper.look()).as("while the replacement is not healthy, the dead replica is dropped").containsExactly("books-ms");
        assertThat(proxy.routes().get("books-ms").backends()).containsExactly(backend(ONE));
        assertThat(checked).containsExactlyInAnyOrder("http://10.214.0.11:30001/ready", "http://10.214.0.13:30005/ready");

        healthStatus = 200;
        assertThat(keeper.look()).containsExactly("books-ms");

        assertThat(proxy.routes().get("books-ms").backends()).containsExactly(backend(ONE), backend(TWO_AGAIN));
        assertThat(discovery.colour("books-ms", Colour.BLUE).orElseThrow().instances()).containsExactly(ONE, TWO_AGAIN);
        assertThat(discovery.colour("books-ms", Colour.BLUE).orElseThrow().state()).isEqualTo(ColourState.LIVE);
        assertThat(keeper.look()).as("nothing more to change").isEmpty();
    }

    @Test
    void aServiceWhoseLockARunHoldsIsLeftToTheRun() {
        replicas.running = List.of(ONE);

        try (var run = new DeployLocks(store).acquire("books-ms", "run of books-ms", Duration.ZERO, holder -> { })) {
            assertThat(keeper.look()).isEmpty();
        }

        assertThat(proxy.routes().get("books-ms").backends()).containsExactly(backend(ONE), backend(TWO));
        assertThat(keeper.look()).as("once the lock is free").containsExactly("books-ms");
    }

    @Test
    void aColourWithNoReplicaRunningKeepsItsRoute() {
        replicas.running = List.of();

        assertThat(keeper.look()).isEmpty();

        assertThat(proxy.routes().get("books-ms").backends()).containsExactly(backend(ONE), backend(TWO));
        assertThat(discovery.colour("books-ms", Colour.BLUE).orElseThrow().instances()).containsExactly(ONE, TWO);
    }

    private static Backend backend(Instance instance) {
        return new Backend(instance.host(), instance.port());
    }
}
