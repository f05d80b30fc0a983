package dev.gantry.discovery;

import dev.gantry.store.Keys;
import java.util.Optional;
import java.util.SortedMap;

/** Discovery's keys in a table of Gantry's own store; the store's errors (exit 3) pass through. */
final class EmbeddedKeyValues implements KeyValues {
    private final Keys keys;

    EmbeddedKeyValues(Keys keys) {
        this.keys = keys;
    }

    @Override
    public Optional<String> get(String key) {
        return keys.get(key);
    }

    @Override
    public void put(String key, String value) {
        keys.put(key, value);
    }

    @Override
    public void delete(String key) {
        keys.delete(key);
    }

    @Override
    public SortedMap<String, String> list(String prefix) {
        return keys.list(prefix);
    }

    @Override
    public String describe() {
        return "embedded (in the store)";
    }

    /** The store belongs to whoever opened it, so closing discovery leaves it open. */
    @Override
    public void close() {
    }
}
