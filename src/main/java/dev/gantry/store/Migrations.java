package dev.gantry.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the store's Flyway migrations are for one database: the portable ones in {@code db/migration},
 * and the versions written for that database alone in {@code db/vendor/<vendor>}. A version exists
 * once per database. (Flyway scans a location with all its subdirectories, so the vendor directories
 * cannot be inside {@code db/migration}; and {@code {vendor}} in a location is Spring Boot's, not Flyway's.)
 */
final class Migrations {
    private static final Map<String, String> VENDORS = Map.of("jdbc:sqlite:", "sqlite",
            "jdbc:postgresql:", "postgresql");
    /**
     * Every version the migrations hold, for each database alike (MigrationsTest checks this against the
     * files): a store that has applied exactly these, all successfully, is current and is opened without
     * Flyway, whose scan of the classpath and validation of every applied script cost most of a command's
     * start-up. A new migration must be added here, or every command would run Flyway again.
     */
    static final Set<String> VERSIONS = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "9.1", "10", "11", "12");

    private Migrations() {
    }

    /** The Flyway locations for the store at {@code jdbcUrl}. */
    static String[] locations(String jdbcUrl) throws SQLException {
        return new String[] {"classpath:db/migration", "classpath:db/vendor/" + vendor(jdbcUrl)};
    }

    /** The database of {@code jdbcUrl}, as the directory of its own migrations is named. */
    static String vendor(String jdbcUrl) throws SQLException {
        return VENDORS.entrySet().stream().filter(e -> jdbcUrl.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new SQLException(
                        "Gantry's store runs on SQLite (jdbc:sqlite:FILE) or PostgreSQL (jdbc:postgresql://HOST:PORT/DB),"
                                + " not on this URL"));
    }

    /** Whether the store behind {@code connection} has applied every migration, and none failed. */
    static boolean current(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, success FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL")) {
            Set<String> applied = new HashSet<>();
            while (rows.next()) {
                if (!rows.getBoolean("success")) {
                    return false;
                }
                applied.add(rows.getString("version"));
            }
            return applied.equals(VERSIONS);
        } catch (SQLException e) {
            return false;  // no history yet (a new store), or one Flyway must look at
        }
    }
}
