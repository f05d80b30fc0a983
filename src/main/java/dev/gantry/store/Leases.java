package dev.gantry.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deploy leases, one row per locked service. Every change is one statement whose WHERE says
 * whose lease it may touch, so that it is atomic across gantry processes sharing the store (SQLite
 * takes its write lock per statement; PostgreSQL locks the row), and a lease is known as its holder's
 * by service, owner and the instant it was taken.
 */
public final class Leases {
    private final Sql sql;

    Leases(Sql sql) {
        this.sql = sql;
    }

    /**
     * Takes {@code lease} if its service is free, its lease expired before {@code now}, or it is held
     * by {@code goneOwner} (an owner found dead); answers whether it was taken.
     */
    public boolean take(LeaseRecord lease, Instant now, Optional<String> goneOwner) {
        // The upsert changes one row when it inserts or takes over, none when the WHERE keeps the holder.
        return sql.update("INSERT INTO deploy_locks (service, owner, run_id, message, acquired_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (service) DO UPDATE SET owner = excluded.owner,"
                        + " run_id = excluded.run_id, message = excluded.message, acquired_at = excluded.acquired_at,"
                        + " expires_at = excluded.expires_at"
                        + " WHERE deploy_locks.expires_at <= ? OR deploy_locks.owner = ?",
                lease.service(), lease.owner(), lease.runId(), lease.message(), lease.acquiredAt().toEpochMilli(),
                lease.expiresAt().toEpochMilli(), now.toEpochMilli(), goneOwner.orElse(null)) == 1;
    }

    /** Moves the expiry of {@code held} to {@code expiresAt}; false if it is no longer held so. */
    public boolean renew(LeaseRecord held, Instant expiresAt) {
        return sql.update("UPDATE deploy_locks SET expires_at = ? WHERE service = ? AND owner = ? AND acquired_at = ?",
                expiresAt.toEpochMilli(), held.service(), held.owner(), held.acquiredAt().toEpochMilli()) == 1;
    }

    /** Records run {@code runId} on {@code held}; false if it is no longer held so. */
    public boolean attach(LeaseRecord held, long runId) {
        return sql.update("UPDATE deploy_locks SET run_id = ? WHERE service = ? AND owner = ? AND acquired_at = ?",
                runId, held.service(), held.owner(), held.acquiredAt().toEpochMilli()) == 1;
    }

    /** Removes {@code held} if it is still held so; answers whether it did. */
    public boolean remove(LeaseRecord held) {
        return sql.update("DELETE FROM deploy_locks WHERE service = ? AND owner = ? AND acquired_at = ?",
                held.service(), held.owner(), held.acquiredAt().toEpochMilli()) == 1;
    }

    /** The lease on {@code service}, expired or not, if there is one. */
    public Optional<LeaseRecord> find(String service) {
        return sql.query("SELECT * FROM deploy_locks WHERE service = ?", Leases::lease, service).stream().findFirst();
    }

    /** Every lease, expired or not, by service. */
    public List<LeaseRecord> all() {
        return sql.query("SELECT * FROM deploy_locks ORDER BY service", Leases::lease);
    }

    private static LeaseRecord lease(ResultSet rs) throws SQLException {
        return new LeaseRecord(rs.getString("service"), rs.getString("owner"), rs.getLong("run_id"),
                rs.getString("message"), Instant.ofEpochMilli(rs.getLong("acquired_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")));
    }
}
