package dev.gantry.store;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The table of sealed secrets, one row per service and name. It holds only what
 * {@code dev.gantry.secret} sealed; the key is a file beside the store, never in it.
 */
public final class Secrets {
    private final Sql sql;

    Secrets(Sql sql) {
        this.sql = sql;
    }

    /** Stores the sealed value of secret {@code name} of {@code service}, replacing the one it had. */
    public void put(String service, String name, byte[] nonce, byte[] ciphertext) {
        sql.update("INSERT INTO secrets (service, name, nonce, ciphertext, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (service, name) DO UPDATE SET nonce = excluded.nonce,"
                        + " ciphertext = excluded.ciphertext, updated_at = excluded.updated_at",
                service, name, text(nonce), text(ciphertext), System.currentTimeMillis());
    }

    /** Every secret of {@code service}, by name. */
    public List<StoredSecret> of(String service) {
        return sql.query("SELECT * FROM secrets WHERE service = ? ORDER BY name", rs -> new StoredSecret(
                rs.getString("service"), rs.getString("name"), bytes(rs.getString("nonce")),
                bytes(rs.getString("ciphertext")), Instant.ofEpochMilli(rs.getLong("updated_at"))), service);
    }

    /** Removes secret {@code name} of {@code service}; answers whether there was one. */
    public boolean remove(String service, String name) {
        return sql.update("DELETE FROM secrets WHERE service = ? AND name = ?", service, name) > 0;
    }

    private static String text(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] bytes(String text) {
        return Base64.getDecoder().decode(text);
    }
}
