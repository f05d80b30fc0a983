package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.BothStores;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server tells Prometheus of production: each colour's routed replicas, read from discovery at each scrape,
 * and where to find the server (its file of Prometheus' file-based discovery).
 */
@BothStores
class ProductionMetricsTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path dir;

    @Test
    void eachColourOfEachServiceHasItsRoutedReplicasByReleaseAndStateAsDiscoveryHasThemNow() {
        try (Store store = Store.open(testStore.url(dir)); Discovery discovery = Discovery.open("embedded", store)) {
            var metrics = new RunMetrics();
            metrics.watch(discovery);
            discovery.put("books", Colour.BLUE, record("1a2b3c4d5e6f7a8b", ColourState.LIVE, 2));
            discovery.put("books", Colour.GREEN, record("9f8e7d6c5b4a3f2e", ColourState.CANDIDATE, 3));

            assertThat(metrics.scrape())
                    .contains("gantry_replicas{colour=\"blue\",release=\"1a2b3c4d5e6f\",service=\"books\",state=\"live\"} 2.0")
                    .contains("gantry_replicas{colour=\"green\",release=\"9f8e7d6c5b4a\",service=\"books\",state=\"candidate\"} 3.0");

            discovery.remove("books", Colour.GREEN);
            assertThat(metrics.scrape()).as("a colour gone from discovery is gone from the metrics")
                    .doesNotContain("colour=\"green\"").contains("colour=\"blue\"");
        }
    }

    @Test
    void theServerListsItselfForPrometheusWhileItRunsAndAnUnwritableDirectoryIsRefused() throws Exception {
        Path targets = Files.createDirectory(dir.resolve("targets"));

        PrometheusTargets target = PrometheusTargets.in(targets, "gantry-" + TestInstallation.ID.value());
        target.write(List.of(new PrometheusTargets.Group(List.of("127.0.0.1:7070"),
                Map.of("installation", TestInstallation.ID.value()))));

        Path file = targets.resolve("gantry-" + TestInstallation.ID.value() + ".json");
        assertThat(new ObjectMapper().readTree(file.toFile()).toString()).isEqualTo("[{\"targets\":[\"127.0.0.1:7070\"],"
                + "\"labels\":{\"installation\":\"" + TestInstallation.ID.value() + "\"}}]");
        assertThat(targets).isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".tmp"));
        target.remove();
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> PrometheusTargets.in(dir.resolve("missing"), "gantry-x").write(List.of()))
                .isInstanceOf(PrometheusTargets.TargetException.class)
                .hasMessageContaining("Give --prometheus-targets a directory this user can write");
    }

    private static ColourRecord record(String release, ColourState state, int replicas) {
        List<Instance> instances = IntStream.rangeClosed(1, replicas)
                .mapToObj(n -> new Instance("127.0.0.1", 32000 + n, "books-" + n)).toList();
        return new ColourRecord(release, "127.0.0.1:5000/books:" + release, state, instances);
    }
}
