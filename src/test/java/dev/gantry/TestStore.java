package dev.gantry;

import java.util.Locale;

/**
 * The store the tests run on, chosen in this one place: {@code GANTRY_TEST_STORE=postgres} puts every
 * integration test's CLI (and the unit tests that open a store) on a PostgreSQL database of its own
 * ({@link PostgresDatabase}); unset or {@code sqlite} keeps the embedded SQLite default.
 */
public final class TestStore {
    /** The environment variable that chooses the store. */
    public static final String VARIABLE = "GANTRY_TEST_STORE";

    private TestStore() {
    }

    /** Whether this run of the tests is on PostgreSQL. */
    public static boolean postgres() {
        String value = System.getenv(VARIABLE);
        if (value == null || value.isBlank() || value.equalsIgnoreCase("sqlite")) {
            return false;
        }
        if (value.toLowerCase(Locale.ROOT).equals("postgres")) {
            return true;
        }
        throw new IllegalStateException(VARIABLE + " should be sqlite or postgres, not \"" + value + "\"");
    }
}
