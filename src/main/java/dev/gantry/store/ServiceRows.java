package dev.gantry.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The table of services the server knows, written by {@code gantry service add}. */
public final class ServiceRows {
    private final Sql sql;

    ServiceRows(Sql sql) {
        this.sql = sql;
    }

    /** Adds {@code service}, or updates its remote and branch if it is known already (keeping when it was added). */
    public void put(KnownService service) {
        int updated = sql.update("UPDATE services SET remote = ?, branch = ? WHERE name = ?",
                service.remote().orElse(null), service.branch(), service.name());
        if (updated == 0) {
            sql.update("INSERT INTO services (name, remote, branch, added_at) VALUES (?, ?, ?, ?)", service.name(),
                    service.remote().orElse(null), service.branch(), service.addedAt().toEpochMilli());
        }
    }

    /** Every known service, by name. */
    public List<KnownService> all() {
        return sql.query("SELECT * FROM services ORDER BY name", ServiceRows::service);
    }

    /** One service, if it is known. */
    public Optional<KnownService> find(String name) {
        return sql.query("SELECT * FROM services WHERE name = ?", ServiceRows::service, name).stream().findFirst();
    }

    private static KnownService service(ResultSet rs) throws SQLException {
        return new KnownService(rs.getString("name"), Optional.ofNullable(rs.getString("remote")),
                rs.getString("branch"), Instant.ofEpochMilli(rs.getLong("added_at")));
    }
}
