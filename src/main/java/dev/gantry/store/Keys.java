package dev.gantry.store;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A small key-value table in the store, for the embedded discovery backend. The SQL is standard
 * (the upsert is accepted by SQLite and PostgreSQL alike), so it moves with the store.
 */
public final class Keys {
    private final Sql sql;

    Keys(Sql sql) {
        this.sql = sql;
    }

    /** The value of {@code key}, if it is set. */
    public Optional<String> get(String key) {
        return sql.query("SELECT value FROM discovery_keys WHERE key = ?", rs -> rs.getString(1), key)
                .stream().findFirst();
    }

    /** Sets {@code key} to {@code value}, replacing any value it had. */
    public void put(String key, String value) {
        sql.update("INSERT INTO discovery_keys (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
    }

    /** Removes {@code key}; removing a key that is not set does nothing. */
    public void delete(String key) {
        sql.update("DELETE FROM discovery_keys WHERE key = ?", key);
    }

    /** Every key that starts with {@code prefix}, with its value, in key order. */
    public SortedMap<String, String> list(String prefix) {
        // substr, not LIKE: LIKE ignores case in SQLite and would need escaping of '%' and '_'.
        SortedMap<String, String> found = new TreeMap<>();
        sql.query("SELECT key, value FROM discovery_keys WHERE substr(key, 1, ?) = ?",
                        rs -> Map.entry(rs.getString(1), rs.getString(2)), prefix.length(), prefix)
                .forEach(row -> found.put(row.getKey(), row.getValue()));
        return Collections.unmodifiableSortedMap(found);
    }
}
