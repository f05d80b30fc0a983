package dev.gantry.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The table of API tokens (hashes only; {@code dev.gantry.server.ApiTokens} makes and checks them). */
public final class ApiTokenRows {
    private final Sql sql;

    ApiTokenRows(Sql sql) {
        this.sql = sql;
    }

    /** Stores a new token with its scope and expiry (none: never); false if a token of that name exists already. */
    public boolean add(String name, String sha256, String scope, Instant createdAt, Optional<Instant> expiresAt) {
        if (find(name).isPresent()) {
            return false;
        }
        sql.update("INSERT INTO api_tokens (name, sha256, scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?)", name,
                sha256, scope, createdAt.toEpochMilli(), expiresAt.map(Instant::toEpochMilli).orElse(null));
        return true;
    }

    /** Every token, by name. */
    public List<StoredToken> all() {
        return sql.query("SELECT * FROM api_tokens ORDER BY name", ApiTokenRows::token);
    }

    /** One token, if it exists. */
    public Optional<StoredToken> find(String name) {
        return sql.query("SELECT * FROM api_tokens WHERE name = ?", ApiTokenRows::token, name).stream().findFirst();
    }

    /** Records that token {@code name} was used at {@code when}. */
    public void used(String name, Instant when) {
        sql.update("UPDATE api_tokens SET last_used_at = ? WHERE name = ?", when.toEpochMilli(), name);
    }

    /** Removes token {@code name}; answers whether there was one. */
    public boolean remove(String name) {
        return sql.update("DELETE FROM api_tokens WHERE name = ?", name) > 0;
    }

    private static StoredToken token(ResultSet rs) throws SQLException {
        return new StoredToken(rs.getString("name"), rs.getString("sha256"), rs.getString("scope"),
                Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs, "last_used_at"), instant(rs, "expires_at"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
