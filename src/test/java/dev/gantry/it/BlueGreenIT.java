package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.LabCredentials;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.store.Store;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployment half against the real engine, registry, proxies and discovery backends: every
 * test runs with HAProxy over embedded discovery and with nginx over etcd, so that both proxies
 * and both backends pass the same tests; the flip and a failed deploy's undo also run with the store
 * (and so embedded discovery's keys) on PostgreSQL.
 */
class BlueGreenIT {
    private static final String BOOKS = "/api/v1/books";

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    static Stream<Arguments> setups() {
        return Stream.of(Arguments.of("haproxy", "embedded"), Arguments.of("nginx", EtcdKeys.ETCD));
    }

    /** The setups with the embedded SQLite store, and HAProxy over embedded discovery with the store on PostgreSQL. */
    static Stream<Arguments> setupsAndPostgres() {
        return Stream.concat(setups().map(setup -> Arguments.of(setup.get()[0], setup.get()[1], "sqlite")),
                Stream.of(Arguments.of("haproxy", "embedded", "postgres")));
    }

    @ParameterizedTest(name = "{0} + {1}, store on {2}")
    @MethodSource("setupsAndPostgres")
    void twoRunsFlipTheColourAndLeaveOnlyTheNewColourRunning(String proxy, String discovery, String store) {
        sandbox.use(proxy, discovery);
        sandbox.useStore(store);
        ServiceRepo repo = sandbox.example();
        String first = repo.head();

        var run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("is live in blue at " + sandbox.proxyUrl() + BOOKS);
        assertLive(discovery, Colour.BLUE, first);
        // the tests reach their target through the relay on their own network's gateway (IntegrationTestNetworkIT)
        assertThat(sandbox.stageLogs("post-integration")).contains("is relayed to " + sandbox.proxyUrl())
                .containsPattern("TARGET_URL=http://[0-9.]+:\\d+ GANTRY_PROXY_PATH=" + BOOKS)
                .containsPattern("books-ms post-integration tests against http://[0-9.]+:\\d+,");
        assertThat(sandbox.stageLogs("pre-integration")).containsPattern("TARGET_URL=http://[0-9.]+:\\d+ GANTRY_PROXY_PATH=" + BOOKS)
                .containsPattern("is relayed to http://127\\.0\\.0\\.1:\\d+");

        repo.write("README.md", repo.read("README.md") + "\nSecond release.\n");
        String second = repo.commit("Second release");
        var again = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertLive(discovery, Colour.GREEN, second);
        assertThat(running("blue")).isEmpty();
        assertThat(running("green")).hasSize(2);
    }

    @ParameterizedTest(name = "{0} + {1}, store on {2}")
    @MethodSource("setupsAndPostgres")
    void aCandidateThatNeverGetsHealthyLeavesTheOldReleaseLive(String proxy, String discovery, String store) {
        sandbox.use(proxy, discovery);
        sandbox.useStore(store);
        ServiceRepo repo = deployedOnce();
        String live = repo.head();
        repo.replace("gantry.yml", "health: {path: /health, interval: 1s, timeout: 30s}",
                "health: {path: /no-such-health, interval: 500ms, timeout: 3s}");
        repo.commit("Health check that never passes");

        var run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("stage deploy failed").contains("did not answer /no-such-health");
        assertThat(run.stdout()).contains("undo");
        assertLive(discovery, Colour.BLUE, live);
        assertThat(containers("green")).isEmpty();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("setups")
    void aFailingPreIntegrationTestLeavesTheOldReleaseLive(String proxy, String discovery) {
        sandbox.use(proxy, discovery);
        ServiceRepo repo = deployedOnce();
        String live = repo.head();
        repo.replace("gantry.yml", "pre-integration:  {env: {}", "pre-integration:  {env: {GANTRY_RELEASE: not-this-one}");
        repo.commit("Pre-integration tests that fail");

        var run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("stage pre-integration failed").contains("| FAIL");
        assertLive(discovery, Colour.BLUE, live);
        assertThat(containers("green")).isEmpty();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("setups")
    void aFailingPostIntegrationTestRoutesBackToTheOldRelease(String proxy, String discovery) {
        sandbox.use(proxy, discovery);
        ServiceRepo repo = deployedOnce();
        String live = repo.head();
        repo.replace("gantry.yml", "post-integration: {env: {}", "post-integration: {env: {GANTRY_RELEASE: not-this-one}");
        repo.commit("Post-integration tests that fail");

        var run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("stage post-integration failed");
        assertLive(discovery, Colour.BLUE, live);
        assertThat(containers("green")).isEmpty();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("setups")
    void rollbackBringsThePreviousReleaseBackAndStatusShowsIt(String proxy, String discovery) {
        sandbox.use(proxy, discovery);
        ServiceRepo repo = deployedOnce();
        String first = repo.head();
        repo.write("README.md", repo.read("README.md") + "\nSecond release.\n");
        repo.commit("Second release");
        assertThat(sandbox.cli().run("run", repo.serviceDir().toString()).exitCode()).isZero();

        var rollback = sandbox.cli().run("rollback", sandbox.service());

        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertLive(discovery, Colour.BLUE, first);
        var status = sandbox.cli().run("status", sandbox.service());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).contains(sandbox.service() + ": live in blue")
                .contains("release " + first.substring(0, 12)).contains(sandbox.service() + "-blue-1");
    }

    private ServiceRepo deployedOnce() {
        ServiceRepo repo = sandbox.example();
        var run = sandbox.cli().run("run", repo.serviceDir().toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return repo;
    }

    /**
     * {@code release} is live in {@code colour}: discovery says so and lists exactly the running
     * containers of that colour, and requests through the proxy are answered by that release.
     */
    private void assertLive(String discovery, Colour colour, String release) {
        try (Store store = Store.open(sandbox.storeUrl());
             Discovery registry = Discovery.open(discovery, store, LabCredentials.etcdLogin())) {
            assertThat(registry.live(sandbox.service())).contains(colour);
            Map<Colour, ColourRecord> colours = registry.colours(sandbox.service());
            assertThat(colours).containsOnlyKeys(colour);
            ColourRecord record = colours.get(colour);
            assertThat(record.state()).isEqualTo(ColourState.LIVE);
            assertThat(record.release()).isEqualTo(release);
            assertThat(record.instances()).extracting(Instance::container)
                    .containsExactlyInAnyOrderElementsOf(running(colour.word()));
        }
        for (int i = 0; i < 4; i++) {
            var response = get(sandbox.proxyUrl() + BOOKS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Release")).contains(release);
        }
    }

    private List<String> running(String colour) {
        return sandbox.runningContainers(Map.of("gantry.colour", colour));
    }

    private List<String> containers(String colour) {
        return sandbox.allContainers(Map.of("gantry.colour", colour));
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
