package dev.gantry;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The store the tests run on, chosen in this one place: {@code GANTRY_TEST_STORE=postgres} puts every
 * integration test's CLI and every unit test that opens a store through {@link #url(Path)} on a
 * PostgreSQL database of its own ({@link PostgresDatabase}, dropped after the test); unset or
 * {@code sqlite} keeps the embedded SQLite default. Register it with
 * {@code @RegisterExtension final TestStore testStore = new TestStore();}.
 */
public final class TestStore implements AfterEachCallback {
    /** The environment variable that chooses the store. */
    public static final String VARIABLE = "GANTRY_TEST_STORE";

    private PostgresDatabase database;

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

    /**
     * This test's store: SQLite's {@code dir/gantry.db}, or on PostgreSQL one database per test (the
     * same URL for every call, like one file opened by several processes).
     */
    public String url(Path dir) {
        if (!postgres()) {
            return "jdbc:sqlite:" + dir.resolve("gantry.db");
        }
        if (database == null) {
            database = PostgresDatabase.migrated();
        }
        return database.url();
    }

    /** Drops this test's PostgreSQL database, if it made one. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
