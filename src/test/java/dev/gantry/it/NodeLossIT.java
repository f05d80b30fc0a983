package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.store.Store;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node of the lab Swarm cut off while the service takes requests (docs/swarm.md#a-node-that-dies): the route
 * keeper drops its replica once it stops answering, Swarm starts the replica again on the free node once it sees
 * the node down, and the routes follow; only the requests in flight on the node may fail. A deploy while the node
 * is down spreads over the other nodes; back, the node takes work again. Two replicas, at most one per node, on the
 * lab's three nodes; the lab is this test's alone while it runs (it cuts a node).
 */
class NodeLossIT {
    /** Requests {@link LiveLoad} can have in flight at once: one per client. */
    private static final int IN_FLIGHT = 2;

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private SwarmLab lab;

    @BeforeEach
    void onTheSwarmAlone() {
        lab = SwarmLab.require();
        sandbox.useSwarmAlone(lab);
        sandbox.use("haproxy", "embedded");
    }

    @Test
    void aCutNodesReplicaMovesToTheFreeNodeADeployMeanwhileSpreadsOverTheOthersAndTheNodeTakesWorkWhenBack() {
        ServiceRepo repo = sandbox.tiny();
        repo.replace("gantry.yml", "  replicas: 1\n", "  replicas: 2\n  placement: {max-per-node: 1}\n");
        repo.commit("Two replicas, one per node");
        sandbox.cli().ok("run", repo.serviceDir().toString());
        List<SwarmLab.Node> nodes = lab.nodes();
        assertThat(nodes).as("bin/lab nodes: a manager and two workers").hasSize(3);
        List<String> used = nodesOf(Colour.BLUE);
        SwarmLab.Node cut = nodes.stream().skip(1).filter(node -> used.contains(node.name())).findFirst().orElseThrow();
        SwarmLab.Node free = nodes.stream().filter(node -> !used.contains(node.name())).findFirst().orElseThrow();

        var watch = sandbox.cli().start("watch", "--interval", "200");
        try (LiveLoad load = LiveLoad.start(URI.create(sandbox.proxyUrl()).getPort(), "/tiny")) {
            assertThat(SwarmLab.lab("cut", cut.name()).exitCode()).isZero();
            try {
                long cutAt = System.nanoTime();
                awaitShowingTheWatch(watch, "no route to " + cut.name(), Duration.ofSeconds(20),
                        () -> instances(Colour.BLUE).stream().noneMatch(i -> i.host().equals(cut.address())));
                long unrouted = millisSince(cutAt);
                awaitShowingTheWatch(watch, "two replicas routed again, one on " + free.name(), Duration.ofSeconds(60), () -> {
                    List<String> hosts = instances(Colour.BLUE).stream().map(Instance::host).toList();
                    return hosts.size() == 2 && hosts.contains(free.address()) && !hosts.contains(cut.address());
                });
                long full = millisSince(cutAt);
                LiveLoad.Tally tally = load.tally();
                System.out.printf("NodeLossIT: %s cut; out of the routes after %d ms, two replicas serving after %d ms;"
                        + " %d of %d requests failed: %s%n", cut.name(), unrouted, full, tally.failures().size(),
                        tally.requests(), tally.failures());
                assertThat(tally.failures()).as("failed requests: at most those in flight on the cut node").hasSizeLessThanOrEqualTo(IN_FLIGHT);
                // the cut node's route goes in a line of its own, or beside the replacement's when both came in one look
                assertThat(watch.stdout()).containsPattern(java.util.regex.Pattern.quote(sandbox.service()
                        + " blue: routes follow the replicas: ") + ".*-" + java.util.regex.Pattern.quote(cut.address() + ":"));

                repo.write("second.txt", "Deployed while a node is down.\n");
                repo.commit("Deployed while a node is down");
                sandbox.cli().ok("run", repo.serviceDir().toString());
                assertThat(nodesOf(Colour.GREEN)).as("nodes of the release deployed while %s is cut", cut.name())
                        .hasSize(2).doesNotContain(cut.name());
            } finally {
                assertThat(SwarmLab.lab("restore", cut.name()).exitCode()).isZero();
            }
        } finally {
            watch.kill();
        }
        Awaitility.await(cut.name() + " ready again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> lab.nodes().stream().filter(node -> node.name().equals(cut.name())).findFirst().orElseThrow().state(),
                        "ready/active"::equals);

        repo.replace("gantry.yml", "  replicas: 2\n", "  replicas: 3\n");
        repo.commit("Three replicas, one per node");
        sandbox.cli().ok("run", repo.serviceDir().toString());
        assertThat(nodesOf(Colour.BLUE)).as("nodes of the release deployed after %s came back", cut.name())
                .contains(cut.name()).hasSize(3);
    }

    /** Waits until {@code condition} holds; if it does not in time, fails with what the watch printed. */
    private static void awaitShowingTheWatch(GantryCli.Running watch, String what, Duration atMost, Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": not within " + atMost + "; gantry watch printed:\n" + watch.stdout()
                    + watch.stderr(), e);
        }
    }

    private List<String> nodesOf(Colour colour) {
        return sandbox.swarm().swarmServices(sandbox.service())
                .getOrDefault(sandbox.service() + "-" + colour.word() + "-" + sandbox.installationId(), List.of());
    }

    private List<Instance> instances(Colour colour) {
        try (Store store = Store.open(sandbox.storeUrl()); Discovery registry = Discovery.open("embedded", store, Optional.empty())) {
            return registry.colour(sandbox.service(), colour).map(record -> record.instances()).orElse(List.of());
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
