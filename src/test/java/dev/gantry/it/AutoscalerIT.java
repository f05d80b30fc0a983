package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Discovery;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scaling on load (docs/scaling.md#scaling-on-load): with run/scale/per-replica, gantry server's autoscaler gives the
 * live release the replicas its observed request rate needs, as a scale run in history, once the period of figures
 * that shows the load is stored; the load through HAProxy meanwhile loses no request.
 */
class AutoscalerIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aLoadAboveWhatOneReplicaServesIsGivenMoreReplicasWithinMax() {
        ServiceRepo repo = sandbox.tiny().replace("gantry.yml", "  replicas: 1\n",
                "  replicas: 1\n  scale: {min: 1, max: 3, per-replica: 10}\n");
        repo.commit("Scaled on load");
        sandbox.cli().ok("run", repo.serviceDir().toString());
        sandbox.cli().ok("service", "add", sandbox.service());
        GantryCli.Running server = sandbox.server(sandbox.cli());

        try (LiveLoad load = LiveLoad.start(URI.create(sandbox.proxyUrl()).getPort(), "/tiny")) {
            // about 80 requests a second, 10 per replica: the most, 3, once a whole period of them is stored
            Awaitility.await("the autoscaler's scale run").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> routed() == 3);
            LiveLoad.Tally tally = load.tally();
            System.out.printf("AutoscalerIT: %d of %d requests failed while it scaled%n", tally.failures().size(),
                    tally.requests());
            assertThat(tally.failures()).as("requests through the proxy while it scaled").isEmpty();
        }

        // The load starts part-way through a period, so the first period it shows in may be only partly loaded: the
        // autoscaler may step 1 -> 2 -> 3 or go 1 -> 3 at once. Either way every step is up, within max, and logged.
        List<String> steps = server.stderr().lines().filter(line -> line.startsWith("autoscaler: ")).toList();
        assertThat(steps).isNotEmpty().allSatisfy(step -> assertThat(step).matches("autoscaler: " + sandbox.service()
                + " from [12] to [23] replica\\(s\\), queued q\\d+: observed [0-9.]+/s, no season; 10/s per replica"));
        assertThat(steps.getLast()).contains(" to 3 replica(s)");
        try (Store store = Store.open(sandbox.storeUrl())) {
            List<RunRecord> scales = store.runs().history(sandbox.service(), 10).stream()
                    .filter(run -> run.kind().equals("scale")).toList();
            assertThat(scales).hasSameSizeAs(steps).allSatisfy(run -> {
                assertThat(run.trigger()).startsWith("autoscaler (observed ");
                assertThat(run.commitTitle()).matches("scale to [23] replica\\(s\\) from [12]");
            });
            assertThat(scales.getFirst().commitTitle()).as("the newest scale run").startsWith("scale to 3 replica(s)");
        }
    }

    private int routed() {
        try (Store store = Store.open(sandbox.storeUrl()); Discovery discovery = Discovery.open("embedded", store)) {
            return discovery.colour(sandbox.service(), Colour.BLUE).map(record -> record.instances().size()).orElse(0);
        }
    }
}
