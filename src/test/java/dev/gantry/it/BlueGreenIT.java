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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployment half against the real engine, registry, proxies and discovery backends: every
 * test runs with HAProxy over embedded discovery and with nginx over etcd, so that both proxies
 * and both backends pass the same tests, on SQLite (a flip and a rollback on PostgreSQL: ServerIT in CI's PostgreSQL
 * pass, docs/installation-config.md#what-runs-on-both-stores). The flip deploys the example service (books-ms); the
 * failed runs deploy the tiny service, whose tests take no time, and share its first release.
 */
class BlueGreenIT {
    private static final String BOOKS = "/api/v1/books";
    private static final String TINY = "/tiny";

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    static Stream<Arguments> setups() {
        return Stream.of(Arguments.of("haproxy", "embedded"), Arguments.of("nginx", EtcdKeys.ETCD));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("setups")
    void twoRunsFlipTheColourAndLeaveOnlyTheNewColourRunningAndARollbackFlipsItBack(String proxy, String discovery) {
        sandbox.use(proxy, discovery);
        ServiceRepo repo = sandbox.example();
        String first = repo.head();

        var run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("is live in blue at " + sandbox.proxyUrl() + BOOKS);
        assertLive(discovery, Colour.BLUE, first, BOOKS);
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
        assertLive(discovery, Colour.GREEN, second, BOOKS);
        assertThat(running("blue")).isEmpty();
        assertThat(running("green")).hasSize(2);

        var rollback = sandbox.cli().run("rollback", sandbox.service());

        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertLive(discovery, Colour.BLUE, first, BOOKS);
        assertThat(running("green")).isEmpty();
        var status = sandbox.cli().run("status", sandbox.service());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).contains(sandbox.service() + ": live in blue")
                .contains("release " + first.substring(0, 12)).contains(sandbox.service() + "-blue-1");
        var offline = sandbox.cli().with("DOCKER_HOST", "unix:///nonexistent/docker.sock")
                .run("status", "--offline", sandbox.service());
        assertThat(offline.exitCode()).as("status --offline asks no engine: %s", offline).isZero();
        assertThat(offline.stdout()).contains("offline: what discovery records").contains(sandbox.service() + ": live in blue")
                .contains("release " + first.substring(0, 12)).contains(sandbox.service() + "-blue-1");
    }

    /**
     * A failed run of each kind (a candidate that never gets healthy, failing pre- and post-integration
     * tests) against one deployed release per setup, which each case finds live before its run and
     * leaves live after it: the cases share the release, not their outcome.
     */
    @TestFactory
    Stream<DynamicTest> failedRunsLeaveTheOldReleaseLiveOnHaproxyOverEmbeddedDiscovery() {
        return failedRunsLeaveTheOldReleaseLive("haproxy", "embedded", Failure.all());
    }

    @TestFactory
    Stream<DynamicTest> failedRunsLeaveTheOldReleaseLiveOnNginxOverEtcd() {
        return failedRunsLeaveTheOldReleaseLive("nginx", EtcdKeys.ETCD, Failure.all());
    }

    /** A run that fails in one stage by a change to the deployed release's gantry.yml (the tiny service's), and what it shows. */
    record Failure(String description, String text, String replacement, List<String> stderr, List<String> stdout) {
        static final Failure NEVER_HEALTHY = new Failure("a candidate that never gets healthy",
                "health: {interval: 200ms}", "health: {path: /no-such-health, interval: 200ms, timeout: 3s}",
                List.of("stage deploy failed", "did not answer /no-such-health"), List.of("undo"));
        static final Failure PRE_INTEGRATION = new Failure("a failing pre-integration test", "tests:\n",
                "tests:\n  pre-integration: {env: {TINY_TEST_EXIT: \"1\"}}\n",
                List.of("stage pre-integration failed", "| FAIL tiny"), List.of());
        static final Failure POST_INTEGRATION = new Failure("a failing post-integration test", "tests:\n",
                "tests:\n  post-integration: {env: {TINY_TEST_EXIT: \"1\"}}\n",
                List.of("stage post-integration failed", "| FAIL tiny"), List.of("undo"));

        static Failure[] all() {
            return new Failure[] {NEVER_HEALTHY, PRE_INTEGRATION, POST_INTEGRATION};
        }
    }

    private Stream<DynamicTest> failedRunsLeaveTheOldReleaseLive(String proxy, String discovery, Failure... failures) {
        sandbox.use(proxy, discovery);
        ServiceRepo repo = sandbox.tiny();
        var first = sandbox.cli().run("run", repo.serviceDir().toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String live = repo.head();
        String deployedYml = repo.read("gantry.yml");
        return Stream.of(failures).map(failure -> DynamicTest.dynamicTest(failure.description() + " leaves the old release live",
                () -> failedRunLeavesTheOldReleaseLive(failure, repo, deployedYml, discovery, live)));
    }

    private void failedRunLeavesTheOldReleaseLive(Failure failure, ServiceRepo repo, String deployedYml, String discovery,
            String live) {
        assertLive(discovery, Colour.BLUE, live, TINY);
        repo.write("gantry.yml", deployedYml).replace("gantry.yml", failure.text(), failure.replacement());
        repo.commit(failure.description());

        var run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        failure.stderr().forEach(shown -> assertThat(run.stderr()).contains(shown));
        failure.stdout().forEach(shown -> assertThat(run.stdout()).contains(shown));
        assertLive(discovery, Colour.BLUE, live, TINY);
        assertThat(containers("green")).isEmpty();
    }

    /**
     * {@code release} is live in {@code colour}: discovery says so and lists exactly the running
     * containers of that colour, and requests through the proxy to {@code path} are answered by that release
     * (books-ms names it in its X-Release header, tiny in its body).
     */
    private void assertLive(String discovery, Colour colour, String release, String path) {
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
            var response = get(sandbox.proxyUrl() + path);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Release").orElse(response.body()))
                    .startsWith(path.equals(TINY) ? "release=" + release : release);
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
