package dev.gantry.lock;

import dev.gantry.store.LeaseRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The lease on a service: who holds it, for which run (0 until the run is recorded), why, since
 * when, and until when unless its owner renews it.
 */
public record Lease(String service, Owner owner, long runId, String message, Instant acquiredAt, Instant expiresAt) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    static Lease of(LeaseRecord stored) {
        return new Lease(stored.service(), Owner.parse(stored.owner()), stored.runId(), stored.message(),
                stored.acquiredAt(), stored.expiresAt());
    }

    LeaseRecord record() {
        return new LeaseRecord(service, owner.text(), runId, message, acquiredAt, expiresAt);
    }

    Lease withRunId(long run) {
        return new Lease(service, owner, run, message, acquiredAt, expiresAt);
    }

    Lease withExpiry(Instant expiry) {
        return new Lease(service, owner, runId, message, acquiredAt, expiry);
    }

    /** Whether the lease has run out at {@code now}: anyone may take it. */
    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** The run and why: {@code run 12: run of books-ms at 1a2b3c4 "title"}, or the message alone before the run is recorded. */
    public String purpose() {
        return runId == 0 ? message : "run " + runId + ": " + message;
    }

    /** For people: {@code root@host pid 1234 since 19:40:02 (run 12: run of books-ms at ...)}. */
    public String describe() {
        return owner.describe() + " since " + CLOCK.format(acquiredAt) + " (" + purpose() + ")";
    }
}
