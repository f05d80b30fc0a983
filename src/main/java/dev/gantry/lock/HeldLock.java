package dev.gantry.lock;

import dev.gantry.GantryException;
import dev.gantry.store.Leases;
import java.time.Clock;
import java.time.Duration;

/**
 * A lease this process holds: renewed every third of its TTL by a virtual thread until closed.
 * Closing gives it back unless it was lost meanwhile (released by hand, or taken over after it
 * expired), so that a lost lock never removes its new holder's lease.
 */
public final class HeldLock implements AutoCloseable {
    private final Leases leases;
    private final Clock clock;
    private final Duration ttl;
    private volatile Lease lease;
    private volatile boolean lost;
    private volatile boolean closed;
    private Thread renewal;

    private HeldLock(Leases leases, Lease lease, Clock clock, Duration ttl) {
        this.leases = leases;
        this.lease = lease;
        this.clock = clock;
        this.ttl = ttl;
    }

    static HeldLock start(Leases leases, Lease lease, Clock clock, Duration ttl) {
        HeldLock held = new HeldLock(leases, lease, clock, ttl);
        held.renewal = Thread.ofVirtual().name("lease-" + lease.service()).start(held::renewUntilClosed);
        return held;
    }

    /** Records {@code runId} on the lease, so that whoever waits for it sees which run holds it. */
    public synchronized void attach(long runId) {
        if (leases.attach(lease.record(), runId)) {
            lease = lease.withRunId(runId);
        } else {
            lost = true;
        }
    }

    /** The lease as this process last wrote it. */
    public Lease lease() {
        return lease;
    }

    /** Whether the lease stopped being ours while held: released by hand, or expired and taken over. */
    public boolean lost() {
        return lost;
    }

    /** Gives the lease back if it is still ours, and stops renewing it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        renewal.interrupt();
        try {
            renewal.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!lost) {
            leases.remove(lease.record());
        }
    }

    /** Renews the lease now; marks it lost if it is no longer ours. */
    synchronized void renew() {
        var renewed = lease.withExpiry(clock.instant().plus(ttl));
        if (leases.renew(lease.record(), renewed.expiresAt())) {
            lease = renewed;
        } else {
            lost = true;
        }
    }

    private void renewUntilClosed() {
        while (!closed && !lost) {
            try {
                Thread.sleep(ttl.dividedBy(3));
            } catch (InterruptedException e) {
                return;
            }
            try {
                renew();
            } catch (GantryException e) {
                // the store was busy or unreachable this time; the lease lasts two more tries
            }
        }
    }
}
