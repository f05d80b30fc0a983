package dev.gantry.discovery;

import dev.gantry.fault.Action;
import dev.gantry.fault.Failpoints;
import java.util.Optional;
import java.util.SortedMap;

/** The backend with failpoints in front (GANTRY_FAILPOINTS): under an armed stage, every call fails as if etcd were down. */
final class FaultyKeyValues implements KeyValues {
    private final KeyValues keys;

    FaultyKeyValues(KeyValues keys) {
        this.keys = keys;
    }

    @Override
    public Optional<String> get(String key) {
        check("read " + key + " from");
        return keys.get(key);
    }

    @Override
    public void put(String key, String value) {
        check("write " + key + " to");
        keys.put(key, value);
    }

    @Override
    public void delete(String key) {
        check("delete " + key + " from");
        keys.delete(key);
    }

    @Override
    public SortedMap<String, String> list(String prefix) {
        check("list " + prefix + " in");
        return keys.list(prefix);
    }

    @Override
    public String describe() {
        return keys.describe();
    }

    @Override
    public void close() {
        keys.close();
    }

    private void check(String action) {
        Failpoints.call(Action.DISCOVERY, () -> new DiscoveryUnavailableException(keys.describe(), action,
                "UNAVAILABLE: io exception (injected: GANTRY_FAILPOINTS)", null));
    }
}
