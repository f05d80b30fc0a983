package dev.gantry.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.store.KnownService;
import dev.gantry.store.NewRun;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import dev.gantry.trigger.QueueObserver;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alertmanager's notices turned into scale runs: one step per service and direction, within run/scale of the live
 * release, each firing of an alert once however often it is repeated; what does not ask for a scale does nothing.
 */
@BothStores
class ScaleOnAlertTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Store store;
    private Discovery discovery;
    private RunQueue queue;
    private final List<RunRequest> asked = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void aLiveServiceOfTwoReplicasThatMayRunOneToThree() {
        store = Store.open(testStore.url(dir));
        discovery = Discovery.open("embedded", store);
        queue = new RunQueue((request, listener) -> {
            asked.add(request);
            return Optional.empty();
        }, 1, false, QueueObserver.NONE);
        store.services().put(new KnownService("books", Optional.empty(), "main", Instant.EPOCH));
        long run = store.runs().start(new NewRun("run", "books", "c0ffee", "Books", false, "test",
                "service: books\nrun: {replicas: 2, scale: {min: 1, max: 3}}\n", "127.0.0.1:5000/books:c0ffee"));
        store.runs().wentLive(run, "blue");
        store.runs().finish(run, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
        discovery.put("books", Colour.BLUE, new ColourRecord("c0ffee", "127.0.0.1:5000/books:c0ffee", ColourState.LIVE,
                List.of(new Instance("127.0.0.1", 32001, "books-blue-1"), new Instance("127.0.0.1", 32002, "books-blue-2"))));
        discovery.setLive("books", Colour.BLUE);
    }

    @AfterEach
    void close() {
        queue.close();
        discovery.close();
        store.close();
    }

    @Test
    void aFiringAlertScalesOneStepAndItsRepeatsDoNothing() throws Exception {
        String notice = notice(alert("firing", "HighRequestRate", "books", "up", "a1", "2026-12-04T10:00:00Z"),
                alert("firing", "HighLatency", "books", "up", "b2", "2026-12-04T10:00:05Z"));

        var first = act(notice);
        var repeat = act(notice);

        assertThat(first).singleElement().satisfies(step -> {
            assertThat(step.service()).isEqualTo("books");
            assertThat(step.direction()).isEqualTo("up");
            assertThat(step.alerts()).containsExactly("HighLatency", "HighRequestRate");
            assertThat(step.outcome()).matches("queued q\\d+: scale from 2 to 3 replica\\(s\\)");
        });
        assertThat(repeat).singleElement().extracting(ScaleOnAlert.Step::outcome)
                .isEqualTo("nothing: every alert of it was acted on when it began firing");
        awaitAsked(1);
        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.describe()).isEqualTo("scale to 3 replica(s)");
            assertThat(request.trigger()).isEqualTo("alertmanager (HighLatency, HighRequestRate)");
        });
    }

    @Test
    void theSameAlertFiringAgainLaterIsANewStepAndScaleDownStopsAtRunScaleMin() throws Exception {
        assertThat(act(notice(alert("firing", "LowTraffic", "books", "down", "c3", "2026-12-04T10:00:00Z"))))
                .singleElement().extracting(ScaleOnAlert.Step::outcome).asString().endsWith("scale from 2 to 1 replica(s)");
        discovery.put("books", Colour.BLUE, discovery.colour("books", Colour.BLUE).orElseThrow()
                .withInstances(List.of(new Instance("127.0.0.1", 32001, "books-blue-1"))));

        assertThat(act(notice(alert("firing", "LowTraffic", "books", "down", "c3", "2026-12-04T11:00:00Z"))))
                .singleElement().extracting(ScaleOnAlert.Step::outcome)
                .isEqualTo("nothing: books runs 1 replica(s), and run/scale allows 1 to 3 replicas");
        awaitAsked(1);
    }

    @Test
    void whatDoesNotAskForAScaleOfAKnownLiveServiceDoesNothing() throws Exception {
        var steps = act(notice(
                alert("resolved", "HighRequestRate", "books", "up", "d4", "2026-12-04T10:00:00Z"),
                alert("firing", "DiskFull", "books", "", "e5", "2026-12-04T10:00:00Z"),
                alert("firing", "Injected", "books\u001b[31m", "up", "f6", "2026-12-04T10:00:00Z"),
                alert("firing", "Spike", "orders", "up", "a7", "2026-12-04T10:00:00Z")));

        assertThat(steps).singleElement().extracting(ScaleOnAlert.Step::outcome)
                .isEqualTo("nothing: the server does not know orders (gantry service add orders)");
        assertThat(AlertNotice.read(JSON.readTree("{\"status\": \"firing\"}"))).isEmpty();
        assertThat(AlertNotice.read(JSON.readTree("[1, 2]"))).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void aNoticeReadsAtMostItsBoundOfAlerts() throws Exception {
        String many = notice(IntStream.range(0, AlertNotice.MOST_ALERTS + 5)
                .mapToObj(i -> alert("firing", "Spike", "books", "up", Integer.toHexString(i + 1), "2026-12-04T10:00:00Z"))
                .toArray(String[]::new));

        assertThat(AlertNotice.read(JSON.readTree(many)).orElseThrow().alerts()).hasSize(AlertNotice.MOST_ALERTS);
    }

    private List<ScaleOnAlert.Step> act(String notice) throws Exception {
        JsonNode body = JSON.readTree(notice);
        return new ScaleOnAlert(store, discovery, queue).act(AlertNotice.read(body).orElseThrow());
    }

    /** The queue runs its requests on a thread of its own. */
    private void awaitAsked(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() >= count);
        assertThat(asked).hasSize(count);
    }

    /** Alertmanager's webhook body, version 4, as it posts a group. */
    private static String notice(String... alerts) {
        return "{\"version\": \"4\", \"groupKey\": \"{}:{service=\\\"books\\\"}\", \"status\": \"firing\","
                + " \"receiver\": \"gantry\", \"alerts\": [" + String.join(", ", alerts) + "]}";
    }

    private static String alert(String status, String name, String service, String scale, String fingerprint,
            String startsAt) {
        return "{\"status\": \"" + status + "\", \"labels\": {\"alertname\": \"" + name + "\", \"service\": "
                + JSON.valueToTree(service) + ", \"gantry_scale\": \"" + scale + "\"}, \"annotations\": {},"
                + " \"startsAt\": \"" + startsAt + "\", \"endsAt\": \"0001-01-01T00:00:00Z\", \"fingerprint\": \""
                + fingerprint + "\"}";
    }
}
