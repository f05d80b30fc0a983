package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On one Docker engine, a replica whose process dies is started again by the engine (its restart policy,
 * from run/restart) and the routes follow it to its port with `gantry watch` (docs/swarm.md#routes-follow-the-replicas).
 */
class ReplicaHealingIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aReplicaKilledOnOneEngineIsRestartedThereAndServesThroughTheProxyAgain() {
        ServiceRepo repo = sandbox.tiny();
        String release = repo.head();
        assertThat(sandbox.cli().run("run", repo.serviceDir().toString()).exitCode()).isZero();
        String container = sandbox.runningContainers(Map.of("gantry.colour", "blue")).getFirst();
        Instance before = instances().getFirst();
        var watch = sandbox.cli().start("watch", "--interval", "200");
        try {
            long start = System.nanoTime();
            ProcessHandle.of(sandbox.production().pid(container)).orElseThrow().destroyForcibly();

            Awaitility.await("the killed replica restarted and routed again").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> sandbox.production().restartCount(container) == 1
                            && ProductionState.get(sandbox.proxyUrl() + "/tiny").equals("200 release=" + release + " colour=blue"));
            System.out.printf("ReplicaHealingIT: %s killed; serving through the proxy again after %d ms (port %d -> %d)%n",
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
