package dev.gantry.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.BothStores;
import dev.gantry.ExitCode;
import dev.gantry.TestStore;
import dev.gantry.store.LeaseRecord;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The locks against a real SQLite file. "Another process" is a second store on the same file: a
 * connection of its own, as a second gantry process has.
 */
@BothStores
class DeployLocksTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final Instant T0 = Instant.parse("2026-11-26T19:40:02Z");
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final String SERVICE = "books-ms";

    @TempDir
    Path home;

    private final MovableClock clock = new MovableClock(T0);
    private final List<Lease> heard = new CopyOnWriteArrayList<>();
    private Store store;
    private Store otherStore;

    @BeforeEach
    void open() {
        store = Store.open(testStore.url(home));
        otherStore = Store.open(testStore.url(home));
    }

    @AfterEach
    void close() {
        store.close();
        otherStore.close();
    }

    @Test
    void aFreeServiceIsLockedByThisProcessWithItsMessage() {
        try (HeldLock held = locks(store).acquire(SERVICE, "run of books-ms at 1a2b3c4", Duration.ZERO, heard::add)) {
            Lease expected = new Lease(SERVICE, Owner.current(), 0, "run of books-ms at 1a2b3c4", T0, T0.plus(TTL));
            assertThat(held.lease()).isEqualTo(expected);
            assertThat(locks(otherStore).status(SERVICE)).contains(expected);
            assertThat(locks(otherStore).all()).containsExactly(expected);
        }
        assertThat(heard).isEmpty();
    }

    @Test
    void aSecondAcquireWithoutWaitingIsRefusedNamingTheHolderAndChangesNothing() {
        try (HeldLock held = locks(store).acquire(SERVICE, "run of books-ms at 1a2b3c4", Duration.ZERO, heard::add)) {
            held.attach(12);
            clock.advance(Duration.ofSeconds(5));

            assertThatThrownBy(() -> locks(otherStore).acquire(SERVICE, "deploy of books-ms:2", Duration.ZERO, heard::add))
                    .isInstanceOfSatisfying(LockHeldException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
                        assertThat(e.holder()).isEqualTo(held.lease());
                        assertThat(e.getMessage())
                                .startsWith("books-ms is locked by " + held.lease().describe() + ". Nothing was changed.")
                                .contains("(run 12: run of books-ms at 1a2b3c4)")
                                .contains("`gantry lock status books-ms`")
                                .contains("`gantry lock release books-ms`")
                                .contains("run again later");
                    });

            assertThat(heard).as("no wait, so nothing to report while waiting").isEmpty();
            assertThat(locks(otherStore).status(SERVICE)).contains(held.lease());
        }
    }

    @Test
    void aWaitingAcquireHearsTheHolderOnceAndTakesTheLockWhenItIsGivenBack() throws Exception {
        DeployLocks real = new DeployLocks(store, Clock.systemUTC(), TTL);
        HeldLock first = real.acquire(SERVICE, "run one", Duration.ZERO, heard::add);
        first.attach(1);

        var second = CompletableFuture.supplyAsync(() ->
                new DeployLocks(otherStore, Clock.systemUTC(), TTL).acquire(SERVICE, "run two", Duration.ofSeconds(20),
                        heard::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
        assertThat(second).isNotDone();
        first.close();

        try (HeldLock taken = second.get(10, TimeUnit.SECONDS)) {
            assertThat(taken.lease().message()).isEqualTo("run two");
            assertThat(heard).as("the holder, heard once however long the wait").singleElement()
                    .satisfies(lease -> assertThat(lease.purpose()).isEqualTo("run 1: run one"));
        }
    }

    @Test
    void aWaitThatEndsWithTheLockStillHeldFailsAfterTheWait() {
        try (HeldLock held = locks(store).acquire(SERVICE, "run one", Duration.ZERO, heard::add)) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> locks(otherStore).acquire(SERVICE, "run two", Duration.ofMillis(700), heard::add))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageContaining("stayed locked for the 700ms this run waited");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
            assertThat(heard).containsExactly(held.lease());
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsOldHolderFindsItLost() {
        HeldLock stale = locks(store).acquire(SERVICE, "run one", Duration.ZERO, heard::add);
        clock.advance(TTL);

        try (HeldLock fresh = locks(otherStore).acquire(SERVICE, "run two", Duration.ZERO, heard::add)) {
            assertThat(fresh.lease().acquiredAt()).isEqualTo(T0.plus(TTL));
            stale.renew();
            assertThat(stale.lost()).isTrue();
            stale.close();

            assertThat(locks(store).status(SERVICE)).as("the new holder's lease, left alone by the old holder")
                    .contains(fresh.lease());
        }
    }

    @Test
    void theLeaseOfAGantryThatDiedOnThisHostIsTakenOverAtOnce() {
        Owner dead = new Owner(Owner.current().host(), 4_194_305L, 1, "root");
        store.leases().take(new LeaseRecord(SERVICE, dead.text(), 7, "run of books-ms", T0, T0.plus(TTL)), T0,
                Optional.empty());

        try (HeldLock taken = locks(otherStore).acquire(SERVICE, "run two", Duration.ZERO, heard::add)) {
            assertThat(locks(store).status(SERVICE)).contains(taken.lease());
        }
        assertThat(heard).isEmpty();
    }

    @Test
    void aLeaseHeldOnAnotherHostIsRespectedUntilItExpires() {
        Owner elsewhere = new Owner(Owner.current().host() + "-elsewhere", 4_194_305L, 1, "root");
        store.leases().take(new LeaseRecord(SERVICE, elsewhere.text(), 7, "run of books-ms", T0, T0.plus(TTL)), T0,
                Optional.empty());

        assertThatThrownBy(() -> locks(otherStore).acquire(SERVICE, "run two", Duration.ZERO, heard::add))
                .isInstanceOf(LockHeldException.class)
                .hasMessageContaining("root@" + elsewhere.host() + " pid 4194305");
        clock.advance(TTL);
        locks(otherStore).acquire(SERVICE, "run two", Duration.ZERO, heard::add).close();
    }

    @Test
    void attachRecordsTheRunForWhoeverLooks() {
        try (HeldLock held = locks(store).acquire(SERVICE, "run of books-ms", Duration.ZERO, heard::add)) {
            held.attach(42);

            assertThat(held.lease().runId()).isEqualTo(42);
            assertThat(locks(otherStore).status(SERVICE)).hasValueSatisfying(lease -> {
                assertThat(lease.runId()).isEqualTo(42);
                assertThat(lease.describe()).endsWith("(run 42: run of books-ms)");
            });
        }
    }

    @Test
    void closingGivesTheLockBack() {
        locks(store).acquire(SERVICE, "run one", Duration.ZERO, heard::add).close();

        assertThat(locks(otherStore).status(SERVICE)).isEmpty();
        locks(otherStore).acquire(SERVICE, "run two", Duration.ZERO, heard::add).close();
    }

    @Test
    void theHolderRenewsItsLeaseWhileItHoldsIt() {
        var locks = new DeployLocks(store, clock, Duration.ofMillis(300));
        try (HeldLock held = locks.acquire(SERVICE, "run one", Duration.ZERO, heard::add)) {
            clock.advance(Duration.ofMinutes(1));

            var renewedExpiry = T0.plus(Duration.ofMinutes(1)).plusMillis(300);
            // the renewal writes the store first and its own copy just after: wait for both
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(locks.status(SERVICE)).hasValueSatisfying(l -> assertThat(l.expiresAt())
                        .isEqualTo(renewedExpiry));
                assertThat(held.lease().expiresAt()).isEqualTo(renewedExpiry);
            });
            assertThat(held.lost()).isFalse();
        }
    }

    @Test
    void releaseRemovesTheLeaseWhoeverHoldsItAndItsHolderFindsItLost() {
        var locks = new DeployLocks(store, clock, Duration.ofMillis(300));
        HeldLock held = locks.acquire(SERVICE, "run one", Duration.ZERO, heard::add);

        assertThat(locks(otherStore).release(SERVICE)).contains(held.lease());

        await().atMost(Duration.ofSeconds(5)).until(held::lost);
        held.close();
        assertThat(locks(otherStore).release(SERVICE)).as("nothing left to release").isEmpty();
    }

    private DeployLocks locks(Store on) {
        return new DeployLocks(on, clock, TTL);
    }
}
