package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.ExitCode;
import dev.gantry.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The store contract on the real PostgreSQL server that bin/env-up starts, each test in a database of
 * its own; and what only PostgreSQL has: the column types, migrations by processes racing on a new
 * database, and a wrong password that the error must not show.
 */
class StoreOnPostgresIT extends StoreContract {
    private PostgresDatabase database;

    @Override
    String newStore() {
        database = PostgresDatabase.create();
        return database.url();
    }

    @Override
    void removeStore() {
        database.close();
    }

    @Test
    void everyTimeAndRunIdColumnIsBigintSoEpochMillisecondsFit() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url());
             ResultSet rs = connection.createStatement().executeQuery("SELECT table_name, column_name, data_type"
                     + " FROM information_schema.columns WHERE table_schema = 'public'"
                     + " AND (column_name LIKE '%\\_at' OR column_name IN ('id', 'run_id'))"
                     // the installation's id is a name (8 letters and digits, docs/security.md), not a number
                     + " AND NOT (table_name = 'installation' AND column_name = 'id')")) {
            while (rs.next()) {
                columns.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3));
            }
        }

        assertThat(columns).contains("runs.id bigint", "runs.started_at bigint", "stages.run_id bigint",
                "journal.intended_at bigint", "deploy_locks.expires_at bigint", "secrets.updated_at bigint");
        assertThat(columns).allSatisfy(column -> assertThat(column).endsWith(" bigint"));
    }

    @Test
    void processesOpeningANewDatabaseTogetherMigrateItOnce() throws Exception {
        try (PostgresDatabase fresh = PostgresDatabase.create()) {
            int processes = 4;
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Store>> opens = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                opens.add(() -> {
                    start.await();
                    return Store.open(fresh.url());
                });
            }
            List<Store> stores = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(processes)) {
                List<Future<Store>> results = opens.stream().map(threads::submit).toList();
                start.countDown();
                for (Future<Store> result : results) {
                    stores.add(result.get());
                }
            } finally {
                stores.forEach(Store::close);
            }
            assertThat(stores).hasSize(processes);
            try (Connection connection = DriverManager.getConnection(fresh.url());
                 ResultSet rs = connection.createStatement().executeQuery(
                         "SELECT count(*), count(DISTINCT version) FROM flyway_schema_history WHERE success")) {
                rs.next();
                assertThat(rs.getInt(1)).as("each migration applied once").isEqualTo(rs.getInt(2)).isGreaterThan(5);
            }
        }
    }

    @Test
    void aSessionTheServerEndedIsOpenedAgainAndOnlyTheStatementThatMetItFails() throws SQLException {
        Store store = another();
        assertThat(store.runs().history("books-ms", 1)).isEmpty();
        try (Connection admin = DriverManager.getConnection(database.url());
             Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }

        assertThatThrownBy(() -> store.runs().history("books-ms", 1)).isInstanceOf(StoreException.class);
        store.runs().start(new NewRun("run", "books-ms", "c1", "one", false, "cli", "service: books-ms\n", "r/books-ms:c1"));
        assertThat(store.runs().history("books-ms", 5)).hasSize(1);
    }

    @Test
    void aWrongPasswordIsAnEnvironmentErrorThatDoesNotShowThePassword() {
        String url = database.url().replaceAll("password=[^&]*", "password=not-the-S3CRET");

        assertThatThrownBy(() -> Store.open(url)).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT_UNUSABLE);
            assertThat(e.getMessage()).doesNotContain("S3CRET")
                    .contains("Opening the store at jdbc:postgresql://", "password=***")
                    .contains("password authentication failed")
                    .contains("Check that the PostgreSQL server in GANTRY_STORE answers");
        });
    }

    @Test
    void theStoreUrlShownByDoctorHasItsPasswordMasked() {
        try (Store store = Store.open(database.url())) {
            assertThat(store.url()).contains("user=gantry", "password=***").doesNotContain("password=gantry");
        }
    }
}
