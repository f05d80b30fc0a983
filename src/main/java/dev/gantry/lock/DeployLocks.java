package dev.gantry.lock;

import dev.gantry.Wait;
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
        var heard = new Lease[1];  // the holding whileWaiting was last told of
        var seen = Wait.forThe("the deploy lock of " + service, POLL, wait).until(() -> {
            Attempt attempt = attempt(service, message);
            attempt.holder().filter(holder -> !wait.isZero())  // no wait: refused, not waiting
                    .filter(holder -> heard[0] == null || !sameHolding(heard[0], holder))
                    .ifPresent(holder -> whileWaiting.accept(heard[0] = holder));
            return attempt;
        }, attempt -> attempt.taken().isPresent());
        return seen.last().taken().orElseThrow(() -> new LockHeldException(seen.last().holder().orElseThrow(), wait));
    }

    /** One try, and who holds the lock if it was not free; a lease given back between the two is tried again. */
    private Attempt attempt(String service, String message) {
        while (true) {
            Optional<HeldLock> taken = take(service, message);
            if (taken.isPresent()) {
                return new Attempt(taken, Optional.empty());
            }
            Optional<Lease> holder = status(service);
            if (holder.isPresent()) {
                return new Attempt(Optional.empty(), holder);
            }
        }
    }

    private record Attempt(Optional<HeldLock> taken, Optional<Lease> holder) {
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
}
