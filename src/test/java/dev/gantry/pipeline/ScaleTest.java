package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.GitRepo;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.config.Installation;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.image.Registry;
import dev.gantry.notify.Notifier;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.proxy.Route;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry scale} on one engine: the live colour in place, within run/scale, journaled and undone on failure. */
@BothStores
class ScaleTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final String GANTRY_YML = """
            service: books-ms
            run: {replicas: 2, scale: {min: 1, max: 4}, health: {path: /health, interval: 100ms, timeout: 1s}}
            proxy: {path: /api/v1/books}
            deploy: {drain: 1ms}
            """;
    private static final String BLUE = "books-ms-blue-%d-inst0001";

    @TempDir
    Path dir;

    private Store store;
    private Discovery discovery;
    private final RecordingEngine engine = new RecordingEngine();
    /** Its route changes go in the engine's calls too, so that their order shows. */
    private final RecordingProxy proxy = new RecordingProxy() {
        @Override
        public void route(Route route) {
            engine.calls.add("route " + route.backends());
            super.route(route);
        }
    };
    private volatile int healthStatus = 200;
    private Pipeline pipeline;
    private GitRepo repo;
    private String release;

    @BeforeEach
    void aLiveReleaseOfTwoReplicas() {
        Path home = dir.resolve("home");
        store = Store.open(testStore.url(home));
        discovery = Discovery.open("embedded", store);
        var production = new Production(TestInstallation.ID, engine, discovery, proxy, (url, timeout) -> healthStatus);
        pipeline = new Pipeline(engine, Registry.at("127.0.0.1:5000"), store, production,
                Installation.load(Map.of("GANTRY_HOME", home.toString())), RunListener.SILENT, Pipeline.LOCK_WAIT,
                Notifier.none());
        repo = GitRepo.init(dir.resolve("repo"))
                .write("books/gantry.yml", GANTRY_YML)
                .write("books/Dockerfile", "FROM gantry/java:25\n")
                .write("books/Dockerfile.test", "FROM gantry/java:25\n");
        release = repo.commit("Add books");
        ServiceSource source = ServiceSource.locate(repo.root().resolve("books"));
        pipeline.run(source, source.config(), "cli");
        engine.calls.clear();
    }

    @AfterEach
    void closeStore() {
        discovery.close();
        store.close();
    }

    @Test
    void scalingUpStartsReplicasBesideTheLiveOnesAndRoutesThemOnceHealthy() {
        RunOutcome outcome = pipeline.scale("books-ms", 4, "cli (ops@host)").orElseThrow();

        assertThat(engine.running()).containsExactly(name(1), name(2), name(3), name(4));
        assertThat(engine.calls).noneMatch(call -> call.startsWith("stop ") || call.startsWith("remove "));
        assertThat(proxy.routes.get("books-ms").backends()).hasSize(4);
        assertThat(engine.calls.getLast()).as("routed once all four are healthy").startsWith("route ");
        assertThat(discovery.colour("books-ms", Colour.BLUE).orElseThrow().instances()).extracting(Instance::container)
                .containsExactly(name(1), name(2), name(3), name(4));
        assertThat(outcome.colour()).isEqualTo(Colour.BLUE);
        RunRecord run = store.runs().find(outcome.runId()).orElseThrow();
        assertThat(run.kind()).isEqualTo("scale");
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.commitTitle()).isEqualTo("scale to 4 replica(s) from 2");
        assertThat(run.trigger()).isEqualTo("cli (ops@host)");
        assertThat(store.journal().newest(Optional.of("books-ms"), 20)).extracting(entry -> entry.description())
                .contains("start " + name(3) + " (127.0.0.1:5000/books-ms:" + release + ")");
    }

    @Test
    void scalingDownTakesTheHighestNumbersOutOfTheRouteBeforeTheyStop() {
        pipeline.scale("books-ms", 4, "cli");
        var first = proxy.routes.get("books-ms").backends().getFirst();
        engine.calls.clear();

        pipeline.scale("books-ms", 1, "cli").orElseThrow();

        assertThat(engine.running()).containsExactly(name(1));
        assertThat(engine.calls).as("one change of the route, before any replica stops").containsExactly(
                "route " + List.of(first), "stop " + name(2), "remove container " + name(2), "stop " + name(3),
                "remove container " + name(3), "stop " + name(4), "remove container " + name(4));
        assertThat(discovery.colour("books-ms", Colour.BLUE).orElseThrow().instances()).extracting(Instance::container)
                .containsExactly(name(1));

        pipeline.scale("books-ms", 3, "cli").orElseThrow();
        assertThat(engine.running()).as("the numbers freed are taken again").containsExactly(name(1), name(2), name(3));
    }

    @Test
    void theNextReleaseStartsWithTheReplicasTheLiveColourWasScaledUpToWithinItsOwnBoundsButNeverFewer() {
        pipeline.scale("books-ms", 4, "cli");
        repo.write("books/gantry.yml", GANTRY_YML.replace("max: 4", "max: 3"));
        repo.commit("At most three");
        ServiceSource source = ServiceSource.locate(repo.root().resolve("books"));

        RunOutcome next = pipeline.run(source, source.config(), "cli");

        assertThat(next.colour()).isEqualTo(Colour.GREEN);
        assertThat(discovery.colour("books-ms", Colour.GREEN).orElseThrow().instances()).extracting(Instance::container)
                .as("4 ran; the new gantry.yml allows 3").containsExactly("books-ms-green-1-inst0001",
                        "books-ms-green-2-inst0001", "books-ms-green-3-inst0001");

        pipeline.scale("books-ms", 1, "cli");
        repo.write("CHANGES", "third\n");
        repo.commit("Third");
        ServiceSource third = ServiceSource.locate(repo.root().resolve("books"));
        assertThat(pipeline.run(third, third.config(), "cli").colour()).isEqualTo(Colour.BLUE);
        assertThat(discovery.colour("books-ms", Colour.BLUE).orElseThrow().instances()).as("1 ran; run/replicas is 2")
                .hasSize(2);
    }

    @Test
    void eachRunThatPutsTheReleaseLiveRecordsTheReplicasItShouldRun() {
        assertThat(store.runs().history("books-ms", 1).getFirst().replicas()).as("run/replicas").hasValue(2);

        long scaled = pipeline.scale("books-ms", 3, "cli").orElseThrow().runId();

        assertThat(store.runs().find(scaled).orElseThrow().replicas()).hasValue(3);
        repo.write("CHANGES", "second\n");
        repo.commit("Second");
        ServiceSource source = ServiceSource.locate(repo.root().resolve("books"));
        long next = pipeline.run(source, source.config(), "cli").runId();
        assertThat(store.runs().find(next).orElseThrow().replicas()).as("started as scaled, above run/replicas")
                .hasValue(3);
        assertThatThrownBy(() -> pipeline.scale("books-ms", 9, "cli")).isInstanceOf(ScaleRefusedException.class);
        assertThat(store.runs().wantedReplicas(Map.of("books-ms", store.runs().find(next).orElseThrow().commit())))
                .as("a refused scale changes nothing").containsOnly(Map.entry("books-ms", 3));
    }

    @Test
    void beyondRunScaleIsRefusedWithExit2AndNothingChanges() {
        for (int replicas : new int[] {0, 5}) {
            assertThatThrownBy(() -> pipeline.scale("books-ms", replicas, "cli"))
                    .isInstanceOf(ScaleRefusedException.class)
                    .hasMessage("books-ms may run 1 to 4 replicas (run/scale in the gantry.yml of its live release "
                            + release.substring(0, 12) + "), not " + replicas + ". Nothing was changed. Widen run/scale"
                            + " in gantry.yml and deploy it to go further.")
                    .satisfies(e -> assertThat(((GantryException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT));
        }
        assertThat(engine.calls).isEmpty();
        assertThat(store.runs().history("books-ms", 10)).hasSize(1);
    }

    @Test
    void theNumberThatRunsAlreadyChangesNothingAndRecordsNoRun() {
        assertThat(pipeline.scale("books-ms", 2, "alertmanager")).isEmpty();

        assertThat(engine.calls).isEmpty();
        assertThat(store.runs().history("books-ms", 10)).extracting(RunRecord::kind).containsExactly("run");
    }

    @Test
    void aNewReplicaThatNeverTurnsHealthyIsRemovedAndTheRouteStaysAsItWas() {
        var before = proxy.routes.get("books-ms");
        healthStatus = 503;

        assertThatThrownBy(() -> pipeline.scale("books-ms", 3, "cli")).isInstanceOf(GantryException.class)
                .hasMessageContaining(name(3));

        assertThat(engine.running()).containsExactly(name(1), name(2));
        assertThat(proxy.routes.get("books-ms")).isEqualTo(before);
        assertThat(discovery.colour("books-ms", Colour.BLUE).orElseThrow().instances()).hasSize(2);
        assertThat(store.runs().history("books-ms", 1)).singleElement().satisfies(run -> {
            assertThat(run.kind()).isEqualTo("scale");
            assertThat(run.state()).isEqualTo(RunState.FAILED);
        });
    }

    @Test
    void aServiceWithoutRunScaleRunsExactlyItsReplicasAndSaysHowToAllowMore() {
        repo.write("books/gantry.yml", GANTRY_YML.replace("scale: {min: 1, max: 4}, ", ""));
        repo.commit("No scaling");
        ServiceSource source = ServiceSource.locate(repo.root().resolve("books"));
        pipeline.run(source, source.config(), "cli");

        assertThatThrownBy(() -> pipeline.scale("books-ms", 3, "cli")).isInstanceOf(ScaleRefusedException.class)
                .hasMessageContaining("books-ms may run exactly 2 replicas")
                .hasMessageEndingWith("Set run/scale: {min: …, max: …} in gantry.yml and deploy it to allow scaling.");
    }

    @Test
    void aServiceWithNoLiveReleaseHasNothingToScale() {
        assertThatThrownBy(() -> pipeline.scale("orders", 2, "cli")).isInstanceOf(NothingToDeployException.class)
                .hasMessage("orders has no live release, so there is nothing to scale. `gantry run` deploys one.");
    }

    private static String name(int n) {
        return BLUE.formatted(n);
    }
}
