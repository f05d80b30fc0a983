package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The flow on the lab Swarm (docs/swarm.md): releases run as Swarm services through the manager, tests and
 * builds on the CD engine. Runs flip the colour and a rollback flips it back; a failing post-integration
 * test and a run killed mid-deploy leave the live release as it was, with no service of the other colour.
 * The tiny service, two replicas (the example keeps its books in a volume, which is each node's own on a
 * Swarm). Each test pays a first deploy, so the cases share their tests (CI's budget).
 */
class SwarmIT {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @BeforeEach
    void onTheSwarm() {
        sandbox.useSwarm(SwarmLab.require());
        sandbox.use("haproxy", "embedded");
    }

    @Test
    void runsFlipTheColourAsSwarmServicesSpreadOverTheNodesAndARollbackFlipsItBack() {
        ServiceRepo repo = twoReplicas();
        String first = repo.head();

        var run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertLive(Colour.BLUE, first);
        assertThat(sandbox.stageLogs("deploy")).contains("created the Swarm service " + serviceOf(Colour.BLUE));
        assertThat(sandbox.swarm().swarmServices(sandbox.service()).get(serviceOf(Colour.BLUE)))
                .as("the nodes of the blue service's running tasks").hasSize(2).doesNotHaveDuplicates();
        var status = sandbox.cli().run("status", sandbox.service());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).contains("runs on: Docker Swarm through the manager at ", "node1 ready/active (manager)")
                .containsPattern(serviceOf(Colour.BLUE) + "\\.1 +10\\.214\\.0\\.1\\d:\\d+ +running on node\\d");
        assertThat(sandbox.swarm().swarmLogDrivers(sandbox.service())).as("each task's Docker log, bounded on its node")
                .containsExactly(Map.entry(serviceOf(Colour.BLUE), "json-file {max-file=2, max-size=16777216}"));
        // each task's output, through the manager, with the node it ran on; a node the manager has lost touch with for
        // a moment gives a warning instead of its task's output, so this looks again
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            var logs = sandbox.cli().run("logs", sandbox.service());
            assertThat(logs.exitCode()).as(logs.toString()).isZero();
            for (int slot = 1; slot <= 2; slot++) {
                assertThat(logs.stdout()).as(logs.toString()).containsPattern("(?m)^\\S+ " + serviceOf(Colour.BLUE) + "\\."
                        + slot + "@node\\d blue " + first.substring(0, 12) + " \\| tiny: serving on 8080$");
            }
        });

        repo.write("second.txt", "Second release.\n");
        String second = repo.commit("Second release");
        var again = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertLive(Colour.GREEN, second);
        assertThat(sandbox.stageLogs("cleanup")).contains("removed the Swarm service " + serviceOf(Colour.BLUE));

        var rollback = sandbox.cli().run("rollback", sandbox.service());

        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertLive(Colour.BLUE, first);

        var up = sandbox.cli().run("scale", sandbox.service(), "3");  // in place: the live service gets a third task
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(sandbox.swarm().swarmServices(sandbox.service())).containsOnlyKeys(serviceOf(Colour.BLUE));
        assertThat(sandbox.swarm().swarmServices(sandbox.service()).get(serviceOf(Colour.BLUE))).hasSize(3);
        assertThat(sandbox.stageLogs("deploy")).contains("told the Swarm to run 3 task(s) of " + serviceOf(Colour.BLUE)
                + " instead of 2");
        var down = sandbox.cli().run("scale", sandbox.service(), "2");  // Swarm chooses which task ends
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(sandbox.swarm().swarmServices(sandbox.service()).get(serviceOf(Colour.BLUE))).hasSize(2);
        try (Store store = Store.open(sandbox.storeUrl()); Discovery registry = Discovery.open("embedded", store, Optional.empty())) {
            assertThat(registry.colour(sandbox.service(), Colour.BLUE).orElseThrow().instances()).hasSize(2);
        }
    }

    @Test
    void aFailingPostIntegrationTestAndARunKilledMidDeployLeaveTheLiveReleaseAsItWas() {
        ServiceRepo repo = twoReplicas();
        String live = repo.head();
        String deployedYml = repo.read("gantry.yml");
        assertThat(sandbox.cli().run("run", repo.serviceDir().toString()).exitCode()).isZero();

        repo.replace("gantry.yml", "tests:\n", "tests:\n  post-integration: {env: {TINY_TEST_EXIT: \"3\"}}\n");
        repo.commit("A failing post-integration test");
        var failing = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(1);
        assertThat(failing.stderr()).contains("stage post-integration failed");
        assertThat(sandbox.stageLogs("undo")).contains("create the Swarm service " + serviceOf(Colour.GREEN));
        assertLive(Colour.BLUE, live);

        repo.write("gantry.yml", deployedYml);
        repo.commit("Passing again");
        String recovered = sandbox.killRunAt("deploy.replica-started", repo);

        assertThat(recovered).as("status after the recovery").contains(sandbox.service() + ": live in blue");
        assertLive(Colour.BLUE, live);
    }

    @Test
    void aKilledReplicaIsReplacedAndAReleaseThatKeepsCrashingIsRolledBackWithGantryWatch() {
        ServiceRepo repo = twoReplicas();
        String release = repo.head();
        assertThat(sandbox.cli().run("run", repo.serviceDir().toString()).exitCode()).isZero();
        List<Instance> before = instances(Colour.BLUE);
        var watch = sandbox.cli().start("watch", "--interval", "200");
        try {
            String node = sandbox.swarm().swarmServices(sandbox.service()).get(serviceOf(Colour.BLUE)).getFirst();
            String killed;
            try (var onNode = new DockerObjects("unix:///run/gantry-lab/" + node + "/docker.sock")) {
                killed = onNode.killOne(sandbox.service()).orElseThrow();
            }
            long start = System.nanoTime();

            Awaitility.await("the routes on two running replicas again, one of them new").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        List<Instance> now = instances(Colour.BLUE);
                        return now.size() == 2 && !now.equals(before)
                                && sandbox.swarm().swarmServices(sandbox.service()).get(serviceOf(Colour.BLUE)).size() == 2;
                    });
            System.out.printf("SwarmIT: %s killed on %s; routes on its replacement after %d ms%n", killed, node,
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(watch.stdout()).contains(sandbox.service() + " blue: routes follow the replicas: +");
            assertLive(Colour.BLUE, release);

            rollsBackAReleaseThatKeepsCrashing(repo, release, watch);
        } finally {
            watch.kill();
        }
    }

    /**
     * A release that passes its tests and goes live, then crashes 20 s after every start: the watch rolls it back
     * to {@code release} after its third end (deploy/crash-loop in its gantry.yml), and history and the audit log
     * say who did it and why.
     */
    /**
     * gantry server lists the Swarm's nodes for Prometheus (docs/observability.md#what-prometheus-scrapes), and the lab's
     * Prometheus scrapes the node exporter on each of them.
     */
    @Test
    void theServerListsEveryNodeOfTheSwarmForPrometheus() {
        try (Monitoring monitoring = new Monitoring(sandbox.service())) {
            sandbox.server(sandbox.cli(), "--prometheus-targets", monitoring.targets().toString());
            String up = "up{job=\"node\",installation=\"" + sandbox.installationId() + "\"}";

            Awaitility.await("Prometheus scrapes the three nodes").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> monitoring.query(up).split(",\"1\"]", -1).length - 1 == 3);

            assertThat(monitoring.query(up)).contains("\"node\":\"node1\"", "\"node\":\"node2\"", "\"node\":\"node3\"")
                    .contains("\"instance\":\"10.214.0.11:9100\"", "\"role\":\"manager\"", "\"role\":\"worker\"");
        }
    }

    private void rollsBackAReleaseThatKeepsCrashing(ServiceRepo repo, String release, GantryCli.Running watch) {
        repo.replace("gantry.yml", "  replicas: 2\n", "  replicas: 2\n  env: {TINY_CRASH_AFTER_SECONDS: \"20\"}\n");
        repo.replace("gantry.yml", "deploy: {drain: 1s}", "deploy: {drain: 1s, crash-loop: {restarts: 3, within: 1m}}");
        String crashing = repo.commit("A release that crashes 20 s after each start");
        var run = sandbox.cli().run("run", repo.serviceDir().toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        long live = System.nanoTime();

        Awaitility.await("the crash-looping release rolled back").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> liveRelease().equals(Optional.of(release)) && watch.stdout().contains(" passed in "));
        System.out.printf("SwarmIT: the crash-looping release rolled back %d ms after it went live%n",
                (System.nanoTime() - live) / 1_000_000);
        assertLive(Colour.BLUE, release);
        assertThat(watch.stdout()).containsPattern("release " + crashing.substring(0, 12)
                + " keeps crashing: its replicas ended [3-9] times within \\d+s of going live");
        var rollback = HistoryRows.parse(sandbox.cli().ok("history", sandbox.service()).stdout()).getFirst();
        assertThat(rollback.result()).isEqualTo("succeeded");
        assertThat(rollback.commit()).isEqualTo(release.substring(0, 12));
        assertThat(rollback.trigger()).hasValueSatisfying(by -> assertThat(by)
                .startsWith("gantry, automatically: release " + crashing.substring(0, 12) + " crash-looped"));
        assertThat(sandbox.cli().ok("audit", sandbox.service()).stdout()).contains("crash-looped");
    }

    private Optional<String> liveRelease() {
        try (Store store = Store.open(sandbox.storeUrl()); Discovery registry = Discovery.open("embedded", store, Optional.empty())) {
            return registry.live(sandbox.service()).flatMap(colour -> registry.colour(sandbox.service(), colour))
                    .map(ColourRecord::release);
        }
    }

    private List<Instance> instances(Colour colour) {
        try (Store store = Store.open(sandbox.storeUrl()); Discovery registry = Discovery.open("embedded", store, Optional.empty())) {
            return registry.colour(sandbox.service(), colour).orElseThrow().instances();
        }
    }

    /** The tiny service with two replicas, so that they land on two nodes. */
    private ServiceRepo twoReplicas() {
        ServiceRepo repo = sandbox.tiny();
        repo.replace("gantry.yml", "replicas: 1", "replicas: 2\n  scale: {min: 1, max: 3}");
        repo.commit("Two replicas");
        return repo;
    }

    /** The service's Swarm service of {@code colour} in this test's installation. */
    private String serviceOf(Colour colour) {
        return sandbox.service() + "-" + colour.word() + "-" + sandbox.installationId();
    }

    /**
     * {@code release} is live in {@code colour}: discovery says so and lists one instance per running task of
     * that colour's service, which is the only service of the test's service on the Swarm, and requests through
     * the proxy are answered by that release.
     */
    private void assertLive(Colour colour, String release) {
        Map<String, List<String>> services = sandbox.swarm().swarmServices(sandbox.service());
        assertThat(services).as("Swarm services of %s", sandbox.service()).containsOnlyKeys(serviceOf(colour));
        try (Store store = Store.open(sandbox.storeUrl()); Discovery registry = Discovery.open("embedded", store, Optional.empty())) {
            assertThat(registry.live(sandbox.service())).contains(colour);
            Map<Colour, ColourRecord> colours = registry.colours(sandbox.service());
            assertThat(colours).containsOnlyKeys(colour);
            ColourRecord record = colours.get(colour);
            assertThat(record.state()).isEqualTo(ColourState.LIVE);
            assertThat(record.release()).isEqualTo(release);
            assertThat(record.instances()).extracting(Instance::container)
                    .containsExactlyInAnyOrder(serviceOf(colour) + ".1", serviceOf(colour) + ".2");
            assertThat(record.instances()).extracting(Instance::host).allMatch(host -> host.startsWith("10.214.0."));
        }
        assertThat(services.get(serviceOf(colour))).as("nodes of the running tasks").hasSize(2);
        for (int i = 0; i < 4; i++) {
            assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).isEqualTo("200 release=" + release + " colour="
                    + colour.word());
        }
    }
}
