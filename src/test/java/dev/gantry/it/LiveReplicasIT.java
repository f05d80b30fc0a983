package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.store.RequestPeriod;
import dev.gantry.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live colour's replicas on one engine behind HAProxy, one release for both parts (CI's budget). A replica whose
 * process dies is started again by the engine (its restart policy, from run/restart) and the routes follow it to its
 * port with `gantry watch` (docs/swarm.md#routes-follow-the-replicas). Then `gantry scale` (docs/scaling.md) grows
 * and shrinks the colour in place under load with no failed request, within run/scale; beyond it exit 2 and nothing
 * changes; each scale is a run in history and its changes are in the audit log.
 */
class LiveReplicasIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aKilledReplicaIsRestartedAndRoutedAgainAndTheColourScalesInPlaceUnderLoadOnlyWithinRunScale() {
        ServiceRepo repo = sandbox.tiny().replace("gantry.yml", "  replicas: 1\n", "  replicas: 1\n  scale: {min: 1, max: 3}\n");
        String release = repo.commit("Scalable");
        sandbox.cli().ok("run", repo.serviceDir().toString());
        String first = sandbox.runningContainers(Map.of("gantry.colour", "blue")).getFirst();
        restartedByTheEngineAndRoutedAgain(first, release);

        try (LiveLoad load = LiveLoad.start(URI.create(sandbox.proxyUrl()).getPort(), "/tiny")) {
            var up = sandbox.cli().run("scale", sandbox.service(), "3");
            assertThat(up.exitCode()).as("%s", up).isZero();
            assertThat(up.stdout()).containsPattern(" passed in [0-9.]+s: " + sandbox.service() + " \\w{12} runs 3 replica\\(s\\) in blue at ");
            assertThat(instances()).hasSize(3).extracting(Instance::container).contains(first);
            assertThat(sandbox.runningContainers(Map.of("gantry.colour", "blue"))).hasSize(3).contains(first);
            assertThat(sandbox.runningContainers(Map.of("gantry.colour", "green"))).as("in place: no other colour").isEmpty();

            var down = sandbox.cli().run("scale", sandbox.service(), "1");
            assertThat(down.exitCode()).as("%s", down).isZero();
            assertThat(instances()).extracting(Instance::container).containsExactly(first);
            assertThat(sandbox.runningContainers(Map.of("gantry.colour", "blue"))).containsExactly(first);

            LiveLoad.Tally tally = load.tally();
            System.out.printf("LiveReplicasIT: 1 -> 3 -> 1 replicas; %d of %d requests failed: %s%n", tally.failures().size(),
                    tally.requests(), tally.failures());
            assertThat(tally.requests()).isPositive();
            assertThat(tally.failures()).as("requests through the proxy while it scaled").isEmpty();
        }

        var again = sandbox.cli().run("scale", sandbox.service(), "1");
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.stdout()).isEqualTo(sandbox.service() + " runs 1 replica(s) already; nothing was changed.\n");
        var beyond = sandbox.cli().run("scale", sandbox.service(), "4");
        assertThat(beyond.exitCode()).as("%s", beyond).isEqualTo(2);
        assertThat(beyond.stderr()).contains(sandbox.service() + " may run 1 to 3 replicas (run/scale in the gantry.yml of"
                + " its live release " + repo.head().substring(0, 12) + "), not 4. Nothing was changed.");
        assertThat(instances()).hasSize(1);

        var history = sandbox.cli().run("history", sandbox.service());
        assertThat(history.stdout().lines().filter(line -> line.matches("\\d+ .* scale +succeeded .*")).toList())
                .as("%s", history).hasSize(2);
        var audit = sandbox.cli().run("audit", sandbox.service());
        assertThat(audit.stdout()).as("%s", audit).contains("remove " + sandbox.service() + "-blue-3-", "start " + sandbox.service() + "-blue-3-");

        scaledOneStepByAFiringAlertAndNotAgainByItsRepeats(release);
    }

    /**
     * Prometheus fires a rule that asks for a scale up, the Alertmanager posts it to gantry server with a token of
     * scope deploy, and the server scales one step; the Alertmanager repeats the notice every 2 s, which changes nothing.
     */
    private void scaledOneStepByAFiringAlertAndNotAgainByItsRepeats(String release) {
        String token = sandbox.cli().ok("token", "create", "alertmanager", "--scope", "deploy").stdout().strip();
        String reader = sandbox.cli().ok("token", "create", "prometheus", "--scope", "read").stdout().strip();
        sandbox.cli().ok("service", "add", sandbox.service());
        Path tokenFile = sandbox.home().resolve("alertmanager-token");
        try (Monitoring monitoring = new Monitoring(sandbox.service())) {
            Files.writeString(tokenFile, token);
            monitoring.scrapeWith(reader);
            GantryCli.Running server = sandbox.server(sandbox.cli(), "--prometheus-targets", monitoring.targets().toString());
            long start = System.nanoTime();
            monitoring.alertmanager("""
                    route: {receiver: gantry, group_by: [service, gantry_scale], group_wait: 1s, group_interval: 1s, repeat_interval: 2s}
                    receivers:
                      - name: gantry
                        webhook_configs:
                          - url: %s/hooks/alertmanager
                            send_resolved: false
                            http_config: {authorization: {type: Bearer, credentials_file: %s}}
                    """.formatted(server.url(), tokenFile));
            monitoring.rules("""
                    groups:
                      - name: %s
                        rules:
                          - alert: Busy
                            expr: vector(1)
                            labels: {service: %s, gantry_scale: up}
                    """.formatted(sandbox.service(), sandbox.service()));

            Awaitility.await("a scale run by the alert").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> instances().size() == 2);
            long acted = (System.nanoTime() - start) / 1_000_000;
            Awaitility.await("two repeats of the notice").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> server.stderr().split("POST /hooks/alertmanager 200", -1).length - 1 >= 3);
            System.out.printf("LiveReplicasIT: alert to a second replica routed in %d ms; notices: %d%n", acted,
                    server.stderr().split("POST /hooks/alertmanager 200", -1).length - 1);

            assertThat(acted).as("from the rule's reload to the new replica in the route, ms").isLessThanOrEqualTo(30_000);
            try (Store store = Store.open(sandbox.storeUrl())) {
                assertThat(store.runs().history(sandbox.service(), 10)).filteredOn(run -> run.trigger().startsWith("alertmanager"))
                        .singleElement().satisfies(run -> {
                            assertThat(run.kind()).isEqualTo("scale");
                            assertThat(run.trigger()).isEqualTo("alertmanager (Busy)");
                            assertThat(run.commitTitle()).isEqualTo("scale to 2 replica(s) from 1");
                        });
            }
            assertThat(instances()).hasSize(2);

            // the server listed itself for Prometheus, which scrapes it: the replicas of each colour, by release
            String replicas = "gantry_replicas{service=\"" + sandbox.service() + "\",colour=\"blue\",state=\"live\"}";
            Awaitility.await("Prometheus has the replicas of the blue colour").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> monitoring.query(replicas).contains("\"release\":\"" + release.substring(0, 12) + "\"")
                            && monitoring.query(replicas).contains(",\"2\"]"));

            // the requests through the proxy, counted by the colour and release that answered them
            for (int i = 0; i < 20; i++) {
                assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).startsWith("200 ");
            }
            String answered = "sum by (colour, release, code) (gantry_requests_seconds_count{service=\"" + sandbox.service()
                    + "\"})";
            Awaitility.await("Prometheus has the requests the blue colour answered").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> monitoring.query(answered).matches("(?s).*\\{\"code\":\"2xx\",\"colour\":\"blue\","
                            + "\"release\":\"" + release.substring(0, 12) + "\"},\"value\":\\[[0-9.]+,\"(2\\d|[3-9]\\d|\\d{3,})\"].*"));

            // ... and the rules shipped with Gantry (monitoring/gantry-rules.yml, loaded by the lab) read them
            String rate = "service_colour_release:gantry_requests:rate1m{service=\"" + sandbox.service() + "\"}";
            Awaitility.await("the shipped recording rule has the blue colour's request rate").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> monitoring.query(rate).contains("\"colour\":\"blue\""));

            // the server lists its engine's host, where the lab runs a node exporter, and Prometheus scrapes it
            String node = "up{job=\"node\",installation=\"" + sandbox.installationId() + "\"}";
            Awaitility.await("Prometheus scrapes the node the server listed").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> monitoring.query(node).contains("\"instance\":\"127.0.0.1:9100\"")
                            && monitoring.query(node).contains(",\"1\"]"));

            List<Path> listed = listedTargets(monitoring);
            assertThat(listed).as("the server's own file of Prometheus targets and its nodes' file")
                    .extracting(file -> file.getFileName().toString().replace(sandbox.installationId(), "ID"))
                    .containsExactlyInAnyOrder("gantry-ID.json", "nodes-ID.json");
            server.process().destroy();  // SIGTERM, as a service manager stops it
            assertThat(server.await(Duration.ofSeconds(90)).stderr()).contains("gantry server stopped");
            assertThat(listed).as("taken out when the server stopped").allSatisfy(file -> assertThat(file).doesNotExist());
            try (Store store = Store.open(sandbox.storeUrl())) {
                assertThat(store.requestFigures().of(sandbox.service(), Instant.now().minusSeconds(600), Instant.now()))
                        .as("the periods the server stored, the last one as it stopped")
                        .filteredOn(period -> period.colour().equals("blue")).extracting(RequestPeriod::requests)
                        .satisfies(requests -> assertThat(requests.stream().mapToLong(Long::longValue).sum())
                                .isGreaterThanOrEqualTo(20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The target files in the lab's directory that name this test's server (its installation's file). */
    private List<Path> listedTargets(Monitoring monitoring) throws IOException {
        try (var files = Files.list(monitoring.targets())) {
            return files.filter(file -> {
                try {
                    return Files.readString(file).contains(sandbox.installationId());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private void restartedByTheEngineAndRoutedAgain(String container, String release) {
        Instance before = instances().getFirst();
        var watch = sandbox.cli().start("watch", "--interval", "200");
        try {
            long start = System.nanoTime();
            ProcessHandle.of(sandbox.production().pid(container)).orElseThrow().destroyForcibly();

            Awaitility.await("the killed replica restarted and routed again").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> sandbox.production().restartCount(container) == 1
                            && ProductionState.get(sandbox.proxyUrl() + "/tiny").equals("200 release=" + release + " colour=blue"));
            System.out.printf("LiveReplicasIT: %s killed; serving through the proxy again after %d ms (port %d -> %d)%n",
                    container, (System.nanoTime() - start) / 1_000_000, before.port(), instances().getFirst().port());

            assertThat(instances()).singleElement().extracting(Instance::container).isEqualTo(container);
            var status = sandbox.cli().run("status", sandbox.service());
            assertThat(status.stdout()).as("%s", status).contains("running (restarted 1 time(s) by the engine)");
        } finally {
            watch.kill();
        }
    }

    private List<Instance> instances() {
        try (Store store = Store.open(sandbox.storeUrl()); Discovery registry = Discovery.open("embedded", store, Optional.empty())) {
            return registry.colour(sandbox.service(), Colour.BLUE).orElseThrow().instances();
        }
    }
}
