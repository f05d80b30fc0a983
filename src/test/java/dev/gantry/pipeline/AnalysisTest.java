package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.GantryException;
import dev.gantry.GitRepo;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.config.Installation;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Discovery;
import dev.gantry.image.Registry;
import dev.gantry.notify.Notifier;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import dev.gantry.store.RequestPeriod;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.StageRecord;
import dev.gantry.store.Store;
import dev.gantry.traffic.RequestCollector;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis after the switch (docs/observability.md#rollback-on-regression), on one engine: a release whose
 * stored figures regress is undone and the previous colour is live again; without deploy/analysis there is no
 * analysis stage. (That a release passes it after its whole window is LiveRequestsIT's, with real requests.)
 */
@BothStores
class AnalysisTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final String GANTRY_YML = """
            service: books-ms
            run: {health: {path: /health, interval: 100ms, timeout: 1s}}
            proxy: {path: /api/v1/books}
            deploy: {drain: 1ms%s}
            """;

    @TempDir
    Path dir;

    private Store store;
    private Discovery discovery;
    private final RecordingEngine engine = new RecordingEngine();
    private final RecordingProxy proxy = new RecordingProxy();
    private Pipeline pipeline;
    private GitRepo repo;
    private String first;

    @BeforeEach
    void aLiveReleaseInBlue() {
        Path home = dir.resolve("home");
        store = Store.open(testStore.url(home));
        discovery = Discovery.open("embedded", store);
        var production = new Production(TestInstallation.ID, engine, discovery, proxy, (url, timeout) -> 200);
        pipeline = new Pipeline(engine, Registry.at("127.0.0.1:5000"), store, production,
                Installation.load(Map.of("GANTRY_HOME", home.toString())), RunListener.SILENT, Pipeline.LOCK_WAIT,
                Notifier.none());
        repo = GitRepo.init(dir.resolve("repo"))
                .write("books/gantry.yml", GANTRY_YML.formatted(", analysis: {window: 10s}"))
                .write("books/Dockerfile", "FROM gantry/java:25\n")
                .write("books/Dockerfile.test", "FROM gantry/java:25\n");
        first = repo.commit("Add books");
        var outcome = run();
        assertThat(stagesOf(outcome.runId())).as("the first release has nothing to go back to: no analysis")
                .doesNotContain("analysis");
    }

    @AfterEach
    void closeStore() {
        discovery.close();
        store.close();
    }

    @Test
    void aReleaseThatFailsHalfItsRequestsIsUndoneAndThePreviousColourIsLiveAgain() {
        String second = repo.write("books/App.txt", "broken\n").commit("Answer 500 to half");
        Instant now = Instant.now();
        storePeriods("blue", first, now.minusSeconds(10), 200, 0);
        storePeriods("green", second, now, 74, 37);

        assertThatThrownBy(this::run).isInstanceOf(GantryException.class)
                .hasMessageContaining("stage analysis failed: the new release " + second.substring(0, 12)
                        + " regressed after the switch: ")
                // the switch may fall in the first stored period of the candidate's or the next: one or both count
                .hasMessageMatching("(?s).*: (37 of its 74|74 of its 148) requests failed with a server error \\(50.0%;"
                        + " the limit, deploy/analysis/max-error-rate, is 1.0%; the previous release: [24]00 requests, 0"
                        + " failed \\(0.0%\\), p99 \\d+ms\\)\\. (37|74) user request\\(s\\) failed while it was live;"
                        + " the previous release, blue, is put back\\.");

        RunRecord run = store.runs().history("books-ms", 1).getFirst();
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.failedStage()).contains("analysis");
        assertThat(run.message().orElseThrow()).contains("user request(s) failed while it was live; the previous release,"
                + " blue, is put back.");
        assertThat(run.stages()).extracting(StageRecord::name).endsWith("post-integration", "analysis", "undo");
        assertThat(discovery.live("books-ms")).contains(Colour.BLUE);
        assertThat(discovery.colour("books-ms", Colour.BLUE).orElseThrow().release()).isEqualTo(first);
        assertThat(discovery.colour("books-ms", Colour.GREEN)).isEmpty();
        assertThat(engine.running()).allMatch(name -> name.contains("-blue-"));
    }

    @Test
    void withoutDeployAnalysisThereIsNoAnalysisStage() {
        String second = repo.write("books/gantry.yml", GANTRY_YML.formatted("")).commit("No analysis");
        storePeriods("green", second, Instant.now(), 74, 74);

        RunOutcome outcome = run();

        assertThat(stagesOf(outcome.runId())).doesNotContain("analysis").endsWith("post-integration", "cleanup");
        assertThat(discovery.live("books-ms")).contains(Colour.GREEN);
    }

    private RunOutcome run() {
        ServiceSource source = ServiceSource.locate(repo.root().resolve("books"));
        return pipeline.run(source, source.config(), "cli");
    }

    private List<String> stagesOf(long runId) {
        return store.runs().find(runId).orElseThrow().stages().stream().map(StageRecord::name).toList();
    }

    /** Two periods of {@code colour} from {@code from}'s on, as gantry server would have stored them. */
    private void storePeriods(String colour, String release, Instant from, long requests, long errors) {
        long period = RequestCollector.PERIOD.toMillis();
        Instant start = Instant.ofEpochMilli(from.toEpochMilli() / period * period);
        for (int i = 0; i < 2; i++) {
            store.requestFigures().add(new RequestPeriod("books-ms", colour, release, start.plusMillis(i * period),
                    (int) RequestCollector.PERIOD.toSeconds(), requests, errors, requests,
                    List.of(requests, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L)));
        }
    }
}
