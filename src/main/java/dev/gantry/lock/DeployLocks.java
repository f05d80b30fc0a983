package dev.gantry.lock;

import dev.gantry.store.LeaseRecord;
import dev.gantry.store.Leases;
import dev.gantry.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run per service at a time, across gantry processes (docs/design.md, "The flow"): a lease in the store that a
 * run takes before it starts, renews while it runs and gives back when it ends. A lease that expired,
 * or whose owner is a gantry process of this host that no longer runs, is taken over at once.
 */
public final class DeployLocks {
    /** How long a lease lasts without renewal; its holder renews it every third of that. */
    static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Leases leases;
    private final Clock clock;
    private final Duration ttl;
    private final Owner owner = Owner.current();

    /** The locks kept in {@code store}, held by this process. */
    public DeployLocks(Store store) {
        this(store, Clock.systemUTC(), TTL);
    }

    DeployLocks(Store store, Clock clock, Duration ttl) {
        this.leases = store.leases();
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * Takes the lock on {@code service}, waiting at most {@code wait} (zero: not at all) for its
     * holder to give it back; {@code whileWaiting} hears each holder it waits for, once.
     *
     * @throws LockHeldException if the lock is still held when the wait is over; nothing was changed
     */
    public HeldLock acquire(String service, String message, Duration wait, Consumer<Lease> whileWaiting) {
        long deadline = System.nanoTime() + wait.toNanos();
        Lease waitedFor = null;
        while (true) {
            Optional<HeldLock> taken = take(service, message);
            if (taken.isPresent()) {
                return taken.get();
            }
            Optional<Lease> holder = status(service);
            if (holder.isEmpty()) {
                continue;  // given back between the two statements: try again at once
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new LockHeldException(holder.get(), wait);
            }
            if (waitedFor == null || !sameHolding(waitedFor, holder.get())) {
                waitedFor = holder.get();
                whileWaiting.accept(waitedFor);
            }
            pause(Math.min(POLL.toNanos(), left));
        }
    }

    /** The lease on {@code service}, expired or not, if there is one. */
    public Optional<Lease> status(String service) {
        return leases.find(service).map(Lease::of);
    }

    /** Every lease, expired or not, by service. */
    public List<Lease> all() {
        return leases.all().stream().map(Lease::of).toList();
    }

    /** Removes the lease on {@code service} whoever holds it; answers the lease it removed. */
    public Optional<Lease> release(String service) {
        while (true) {
            Optional<LeaseRecord> held = leases.find(service);
            if (held.isEmpty() || leases.remove(held.get())) {
                return held.map(Lease::of);
            }
        }
    }

    /** One attempt: free, expired, or held by an owner that died on this host. */
    private Optional<HeldLock> take(String service, String message) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<String> gone = status(service).map(Lease::owner).filter(Owner::isGoneHere).map(Owner::text);
        Lease mine = new Lease(service, owner, 0, message, now, now.plus(ttl));
        if (!leases.take(mine.record(), now, gone)) {
            return Optional.empty();
        }
        return Optional.of(HeldLock.start(leases, mine, clock, ttl));
    }

    private static boolean sameHolding(Lease a, Lease b) {
        return a.owner().equals(b.owner()) && a.acquiredAt().equals(b.acquiredAt());
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a deploy lock", e);
        }
    }
}
