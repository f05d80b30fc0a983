package dev.gantry.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a SQLite file, the embedded default. */
class StoreOnSqliteTest extends StoreContract {
    @TempDir
    Path home;

    @Override
    String newStore() {
        return "jdbc:sqlite:" + home.resolve("gantry.db");
    }

    @Override
    void removeStore() {
        // the temporary directory goes with the test
    }
}
