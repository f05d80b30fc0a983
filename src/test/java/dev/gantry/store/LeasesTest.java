package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The lease statements against a real SQLite file, opened twice where two processes would share it. */
@BothStores
class LeasesTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final Instant T0 = Instant.parse("2026-11-26T19:40:02Z");

    @TempDir
    Path home;

    private Store store;

    @BeforeEach
    void open() {
        store = Store.open(url());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aFreeServiceIsTakenAndReadsBack() {
        LeaseRecord lease = lease("books-ms", "a", T0);

        assertThat(store.leases().take(lease, T0, Optional.empty())).isTrue();

        assertThat(store.leases().find("books-ms")).contains(lease);
        assertThat(store.leases().find("other-ms")).isEmpty();
    }

    @Test
    void aHeldLeaseIsNotTakenAndStaysAsItWas() {
        LeaseRecord first = lease("books-ms", "a", T0);
        store.leases().take(first, T0, Optional.empty());

        assertThat(store.leases().take(lease("books-ms", "b", T0.plusSeconds(29)), T0.plusSeconds(29), Optional.empty()))
                .isFalse();
        assertThat(store.leases().take(lease("books-ms", "b", T0.plusSeconds(29)), T0.plusSeconds(29), Optional.of("c")))
                .as("taken over for an owner that is not the holder").isFalse();

        assertThat(store.leases().find("books-ms")).contains(first);
    }

    @Test
    void anExpiredLeaseIsTakenOver() {
        store.leases().take(lease("books-ms", "a", T0), T0, Optional.empty());
        LeaseRecord second = lease("books-ms", "b", T0.plusSeconds(30));

        assertThat(store.leases().take(second, T0.plusSeconds(30), Optional.empty())).isTrue();

        assertThat(store.leases().find("books-ms")).contains(second);
    }

    @Test
    void theLeaseOfAGoneOwnerIsTakenOverBeforeItExpires() {
        store.leases().take(lease("books-ms", "a", T0), T0, Optional.empty());
        LeaseRecord second = lease("books-ms", "b", T0.plusSeconds(1));

        assertThat(store.leases().take(second, T0.plusSeconds(1), Optional.of("a"))).isTrue();

        assertThat(store.leases().find("books-ms")).contains(second);
    }

    @Test
    void renewAttachAndRemoveTouchOnlyTheLeaseAsItWasTaken() {
        LeaseRecord first = lease("books-ms", "a", T0);
        store.leases().take(first, T0, Optional.empty());
        LeaseRecord second = lease("books-ms", "b", T0.plusSeconds(31));
        store.leases().take(second, T0.plusSeconds(31), Optional.empty());

        assertThat(store.leases().renew(first, T0.plusSeconds(90))).isFalse();
        assertThat(store.leases().attach(first, 7)).isFalse();
        assertThat(store.leases().remove(first)).isFalse();
        assertThat(store.leases().find("books-ms")).contains(second);

        assertThat(store.leases().attach(second, 12)).isTrue();
        assertThat(store.leases().renew(second, T0.plusSeconds(90))).isTrue();
        assertThat(store.leases().find("books-ms")).contains(new LeaseRecord("books-ms", "b", 12, "run by b",
                second.acquiredAt(), T0.plusSeconds(90)));
        assertThat(store.leases().remove(second)).isTrue();
        assertThat(store.leases().find("books-ms")).isEmpty();
    }

    @Test
    void allListsEveryLeaseByService() {
        store.leases().take(lease("orders-ms", "a", T0), T0, Optional.empty());
        store.leases().take(lease("books-ms", "b", T0), T0, Optional.empty());

        assertThat(store.leases().all()).extracting(LeaseRecord::service).containsExactly("books-ms", "orders-ms");
    }

    @Test
    void ofOwnersRacingOnTheirOwnConnectionsExactlyOneTakesTheService() throws Exception {
        int racers = 6;
        List<Store> stores = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            stores.add(Store.open(url()));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> takes = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Store own = stores.get(i);
            LeaseRecord lease = lease("books-ms", "owner-" + i, T0);
            takes.add(() -> {
                start.await();
                return own.leases().take(lease, T0, Optional.empty());
            });
        }
        List<Boolean> taken = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(racers)) {
            List<Future<Boolean>> results = takes.stream().map(threads::submit).toList();
            start.countDown();
            for (Future<Boolean> result : results) {
                taken.add(result.get());
            }
        } finally {
            stores.forEach(Store::close);
        }

        assertThat(taken).containsOnlyOnce(true);
        String winner = "owner-" + taken.indexOf(true);
        assertThat(store.leases().find("books-ms")).hasValueSatisfying(l -> assertThat(l.owner()).isEqualTo(winner));
    }

    private String url() {
        return testStore.url(home);
    }

    private static LeaseRecord lease(String service, String owner, Instant at) {
        return new LeaseRecord(service, owner, 0, "run by " + owner, at, at.plusSeconds(30));
    }
}
