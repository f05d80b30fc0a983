package dev.gantry.secret;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The decrypted secrets of one service, by name: the environment its containers get, and the mask
 * of its output. Its {@code toString} shows names only, so a value never reaches a message by accident.
 */
public final class SecretValues {
    /** A service without secrets. */
    public static final SecretValues NONE = new SecretValues(Map.of());

    private final Map<String, String> values;
    private volatile SecretMask mask;

    private SecretValues(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** These values, by secret name. */
    public static SecretValues of(Map<String, String> byName) {
        return byName.isEmpty() ? NONE : new SecretValues(byName);
    }

    /** Name to value, as environment variables of the service's containers. */
    public Map<String, String> asEnv() {
        return values;
    }

    /** The names, sorted. */
    public Set<String> names() {
        return values.keySet();
    }

    /** Whether the service has no secrets. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The mask of these values, built once. */
    public SecretMask mask() {
        SecretMask built = mask;
        if (built == null) {
            built = SecretMask.of(values.values());
            mask = built;
        }
        return built;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValues that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "secrets " + names();
    }
}
