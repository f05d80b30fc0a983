package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.store.Store;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gantry scale} on one engine behind HAProxy (docs/scaling.md): the live colour grows and shrinks in place
 * under load with no failed request, within run/scale; beyond it exit 2 and nothing changes; each scale is a run in
 * history and its changes are in the audit log.
 */
class ScalingIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void theLiveColourScalesInPlaceUnderLoadWithoutAFailedRequestAndOnlyWithinRunScale() {
        ServiceRepo repo = sandbox.tiny().replace("gantry.yml", "  replicas: 1\n", "  replicas: 1\n  scale: {min: 1, max: 3}\n");
        repo.commit("Scalable");
        sandbox.cli().ok("run", repo.serviceDir().toString());
        String first = sandbox.runningContainers(Map.of("gantry.colour", "blue")).getFirst();

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
            System.out.printf("ScalingIT: 1 -> 3 -> 1 replicas; %d of %d requests failed: %s%n", tally.failures().size(),
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
        assertThat(history.stdout().lines().filter(line -> line.contains("scale")).toList()).as("%s", history).hasSize(2);
        var audit = sandbox.cli().run("audit", sandbox.service());
        assertThat(audit.stdout()).as("%s", audit).contains("remove " + sandbox.service() + "-blue-3-", "start " + sandbox.service() + "-blue-3-");
    }

    private List<Instance> instances() {
        try (Store store = Store.open(sandbox.storeUrl()); Discovery registry = Discovery.open("embedded", store, Optional.empty())) {
            return registry.colour(sandbox.service(), Colour.BLUE).orElseThrow().instances();
        }
    }
}
