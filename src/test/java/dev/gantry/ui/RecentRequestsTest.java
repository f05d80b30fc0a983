package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.store.RequestPeriod;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The overview's hour with its settled minutes kept is the hour read whole from the store, as the clock moves on. */
@BothStores
class RecentRequestsTest {
    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;
    private Store store;

    @BeforeEach
    void open() {
        store = Store.open(testStore.url(home));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void asTheClockMovesOnTheKeptMinutesAndTheFreshOnesMakeTheWholeHour() {
        var random = new Random(14);
        for (long second = -7200; second < 7200; second += 10) {
            for (String service : List.of("books", "cart", "users")) {
                if (random.nextInt(5) > 0) {  // some periods missing: minutes without figures
                    period(service, T0.plusSeconds(second + random.nextInt(3)), 100 + random.nextInt(900),
                            random.nextInt(4));
                }
            }
        }
        var recent = new RecentRequests(store.requestFigures());

        Instant now = T0.plusMillis(42_123);
        for (long step : new long[] {0, 7_000, 1_000, 61_000, 59_000, 300_000, 1, 3_601_000, 120_000, -900_000, 1_000}) {
            now = now.plusMillis(step);
            assertThat(rates(recent.lastHour(now))).as("at %s", now).isEqualTo(rates(whole(now)));
        }
    }

    @Test
    void aSettledMinuteIsReadOnceAndTheNewestAgainAtEachPage() {
        Instant now = T0.plusSeconds(30);
        period("books", T0.minusSeconds(120), 600, 0);  // settled at 08:00:30: it ended 07:59, a minute before
        period("books", T0.minusSeconds(60), 1200, 0);  // the newest minute: not settled
        var recent = new RecentRequests(store.requestFigures());
        assertThat(recent.lastHour(now).get("books").requestsPerSecond()).endsWith(10.0, 20.0);

        period("books", T0.minusSeconds(110), 6000, 0);
        period("books", T0.minusSeconds(50), 1200, 0);

        assertThat(recent.lastHour(now).get("books").requestsPerSecond()).as("the settled minute as it was read")
                .endsWith(10.0, 40.0);
        assertThat(new RecentRequests(store.requestFigures()).lastHour(now).get("books").requestsPerSecond())
                .endsWith(110.0, 40.0);
    }

    private Map<String, RequestRates> whole(Instant now) {
        return RequestRates.byService(store.requestFigures().sums(RequestRates.start(now), RequestRates.end(now),
                RequestRates.BUCKET));
    }

    private static Map<String, List<List<Double>>> rates(Map<String, RequestRates> rates) {
        var lines = new TreeMap<String, List<List<Double>>>();
        rates.forEach((service, r) -> lines.put(service, List.of(boxed(r.requestsPerSecond()), boxed(r.errorsPerSecond()))));
        return lines;
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private void period(String service, Instant start, long requests, long errors) {
        store.requestFigures().add(new RequestPeriod(service, "blue", "a1b2", start, 10, requests, errors, 0,
                List.of()));
    }
}
