package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A current store opens without Flyway; the list of versions that says "current" is the migrations' own. */
class MigrationsTest {

    @TempDir
    Path home;

    @Test
    void theVersionsListedAreExactlyThoseOfTheMigrationFilesForEachDatabase() throws Exception {
        for (String vendor : new String[] {"sqlite", "postgresql"}) {
            Set<String> versions = new HashSet<>(versionsIn("db/migration"));
            versions.addAll(versionsIn("db/vendor/" + vendor));

            assertThat(versions).as(vendor).isEqualTo(Migrations.VERSIONS);
        }
    }

    @Test
    void aMigratedStoreIsCurrentAndANewOrPartlyMigratedOneIsNot() throws SQLException {
        String url = "jdbc:sqlite:" + home.resolve("gantry.db");
        try (Connection connection = DriverManager.getConnection(url)) {
            assertThat(Migrations.current(connection)).as("no schema history yet").isFalse();
        }
        Flyway.configure().dataSource(url, null, null).locations(Migrations.locations(url)).target("9")
                .loggers("slf4j").load().migrate();
        try (Connection connection = DriverManager.getConnection(url)) {
            assertThat(Migrations.current(connection)).as("migrated up to 9").isFalse();
        }

        Store.open(url).close();

        try (Connection connection = DriverManager.getConnection(url)) {
            assertThat(Migrations.current(connection)).as("opened once").isTrue();
        }
    }

    @Test
    void aStoreWithAFailedMigrationIsNotCurrentSoFlywayLooksAtIt() throws SQLException {
        String url = "jdbc:sqlite:" + home.resolve("gantry.db");
        Store.open(url).close();
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute("UPDATE flyway_schema_history SET success = 0 WHERE version = '10'");

            assertThat(Migrations.current(connection)).isFalse();
        }
    }

    private static Set<String> versionsIn(String location) throws IOException, URISyntaxException {
        Path dir = Path.of(MigrationsTest.class.getClassLoader().getResource(location).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> versions = new HashSet<>();
            files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
                    .forEach(n -> versions.add(n.substring(1, n.indexOf("__")).replace('_', '.')));
            return versions;
        }
    }
}
