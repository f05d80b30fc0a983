package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite stores made before the vendor migrations moved to db/vendor keep opening. Their schema history
 * holds the checksums of V1..V6 as they were in db/migration; src/test/resources/store-d813c6f keeps
 * those files as they were (commit d813c6f), and a store migrated from them must validate and open.
 */
class SqliteStoreUpgradeTest {
    private static final List<String> OLD = List.of("V1__runs_and_stages.sql", "V2__discovery_keys.sql",
            "V3__runs_deploy.sql", "V4__run_journal.sql", "V5__deploy_locks.sql", "V6__secrets.sql");

    @TempDir
    Path home;

    @Test
    void aStoreMigratedByTheOldLayoutValidatesAndOpensWithItsRows() throws SQLException {
        String url = "jdbc:sqlite:" + home.resolve("gantry.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:store-d813c6f").loggers("slf4j").load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute("INSERT INTO runs (service, commit_sha, commit_title, dirty, trigger,"
                    + " state, started_at) VALUES ('books-ms', 'c1', 'Old run', 0, 'cli', 'succeeded', 1764186002000)");
        }

        // What the old store applied validates against the files now; versions added since are only pending.
        Flyway.configure().dataSource(url, null, null).locations(Migrations.locations(url)).loggers("slf4j")
                .ignoreMigrationPatterns("*:pending").load().validate();
        try (Store store = Store.open(url)) {
            RunRecord old = store.runs().history("books-ms", 1).getFirst();
            assertThat(old.commitTitle()).isEqualTo("Old run");
            long next = store.runs().start(new NewRun("run", "books-ms", "c2", "New run", false, "cli", "", "i"));
            store.runs().finish(next, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
            assertThat(next).isGreaterThan(old.id());
        }
    }

    @Test
    void theSqliteMigrationsAreByteForByteTheOldFiles() throws IOException {
        for (String name : OLD) {
            byte[] old = read("store-d813c6f/" + name);
            byte[] now = Optional.ofNullable(read("db/migration/" + name)).orElseGet(() -> read("db/vendor/sqlite/" + name));
            assertThat(now).as(name).isEqualTo(old);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = SqliteStoreUpgradeTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
