package dev.gantry.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.SetClock;
import dev.gantry.TestStore;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.proxy.ProxyRequest;
import dev.gantry.proxy.RequestFeed;
import dev.gantry.store.RequestPeriod;
import dev.gantry.store.Store;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The proxy's requests counted by the release and colour that answered them, for Prometheus and in the store. */
@BothStores
class RequestCollectorTest {
    private static final Instant T0 = Instant.parse("2026-12-05T01:00:00Z");
    private static final String BLUE = "1a2b3c4d5e6f7a8b";
    private static final String GREEN = "9f8e7d6c5b4a3f2e";

    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path dir;

    private final List<ProxyRequest> answered = new ArrayList<>();
    private final RequestFeed feed = () -> {
        List<ProxyRequest> taken = List.copyOf(answered);
        answered.clear();
        return taken;
    };
    private final SetClock clock = new SetClock(T0.plusSeconds(1));
    private final List<String> warnings = new ArrayList<>();

    @Test
    void eachRequestCountsForTheColourWhoseReplicaAnsweredItAndEachPeriodIsStored() {
        try (Store store = Store.open(testStore.url(dir)); Discovery discovery = Discovery.open("embedded", store)) {
            discovery.put("books", Colour.BLUE, colour(BLUE, ColourState.LIVE, "127.0.0.1:32001", "127.0.0.1:32002"));
            discovery.put("books", Colour.GREEN, colour(GREEN, ColourState.CANDIDATE, "127.0.0.1:32003"));
            var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            var collector = new RequestCollector(feed, discovery, store.requestFigures(), registry, warnings::add, clock);

            answered.addAll(List.of(request("127.0.0.1:32001", 200, 4), request("127.0.0.1:32002", 200, 30),
                    request("127.0.0.1:32002", 502, 600), request("127.0.0.1:32003", 500, 2),
                    request("127.0.0.1:1", 404, 0), request("-:-", 404, 0)));
            collector.step();

            assertThat(registry.scrape())
                    .contains("gantry_requests_seconds_count{code=\"2xx\",colour=\"blue\",release=\"1a2b3c4d5e6f\","
                            + "service=\"books\"} 2")
                    .contains("gantry_requests_seconds_count{code=\"5xx\",colour=\"blue\",release=\"1a2b3c4d5e6f\","
                            + "service=\"books\"} 1")
                    .contains("gantry_requests_seconds_count{code=\"5xx\",colour=\"green\",release=\"9f8e7d6c5b4a\","
                            + "service=\"books\"} 1")
                    .contains("gantry_requests_seconds_bucket{code=\"2xx\",colour=\"blue\",release=\"1a2b3c4d5e6f\","
                            + "service=\"books\",le=\"0.005\"} 1")
                    .doesNotContain("code=\"4xx\"");
            assertThat(store.requestFigures().of("books", T0, T0.plusSeconds(60))).as("the period is not over").isEmpty();

            clock.set(T0.plusSeconds(10));
            collector.step();

            assertThat(store.requestFigures().of("books", T0, T0.plusSeconds(60))).containsExactly(
                    new RequestPeriod("books", "blue", BLUE, T0, 10, 3, 1, 634,
                            List.of(1L, 0L, 0L, 1L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L)),
                    new RequestPeriod("books", "green", GREEN, T0, 10, 1, 1, 2,
                            List.of(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L)));
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void aReleaseGoneFromDiscoveryLosesItsSeries() {
        try (Store store = Store.open(testStore.url(dir)); Discovery discovery = Discovery.open("embedded", store)) {
            discovery.put("books", Colour.GREEN, colour(GREEN, ColourState.LIVE, "127.0.0.1:32003"));
            var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            var collector = new RequestCollector(feed, discovery, store.requestFigures(), registry, warnings::add, clock);
            answered.add(request("127.0.0.1:32003", 200, 2));
            collector.step();
            discovery.remove("books", Colour.GREEN);

            clock.set(T0.plusSeconds(10 + ReleaseAddresses.FRESH.toSeconds()));
            collector.step();

            assertThat(registry.scrape()).doesNotContain("colour=\"green\"");
        }
    }

    @Test
    void aStoreThatCannotTakeThePeriodsIsToldOnceAndAgainWhenItDoes() throws Exception {
        String url = testStore.url(dir);
        try (Store store = Store.open(url); Discovery discovery = Discovery.open("embedded", store);
                Connection admin = DriverManager.getConnection(url); Statement sql = admin.createStatement()) {
            discovery.put("books", Colour.GREEN, colour(GREEN, ColourState.LIVE, "127.0.0.1:32003"));
            var collector = new RequestCollector(feed, discovery, store.requestFigures(),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), warnings::add, clock);
            sql.execute("ALTER TABLE request_figures RENAME TO request_figures_away");
            for (int period = 1; period <= 3; period++) {
                answered.add(request("127.0.0.1:32003", 200, 2));
                collector.step();
                clock.set(T0.plusSeconds(10L * period));
            }
            collector.step();
            assertThat(warnings).hasSize(1).first().asString()
                    .startsWith("request figures cannot be stored, and are lost until the store answers: ");

            sql.execute("ALTER TABLE request_figures_away RENAME TO request_figures");
            answered.add(request("127.0.0.1:32003", 200, 2));
            collector.step();
            clock.set(T0.plusSeconds(40));
            collector.step();

            assertThat(warnings).hasSize(2).last().isEqualTo("request figures are stored again");
            assertThat(store.requestFigures().of("books", T0, T0.plusSeconds(60))).extracting(RequestPeriod::start)
                    .containsExactly(T0.plusSeconds(30));
        }
    }

    private static ProxyRequest request(String server, int status, long millis) {
        return new ProxyRequest(server, status, millis);
    }

    private static ColourRecord colour(String release, ColourState state, String... addresses) {
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < addresses.length; i++) {
            String[] hostPort = addresses[i].split(":");
            instances.add(new Instance(hostPort[0], Integer.parseInt(hostPort[1]), "books-" + (i + 1)));
        }
        return new ColourRecord(release, "127.0.0.1:5000/books:" + release, state, instances);
    }
}
