package dev.gantry.store;

import java.sql.SQLException;
import java.util.Map;

/**
 * Where the store's Flyway migrations are for one database: the portable ones in {@code db/migration},
 * and the versions written for that database alone in {@code db/vendor/<vendor>}. A version exists
 * once per database. (Flyway scans a location with all its subdirectories, so the vendor directories
 * cannot be inside {@code db/migration}; and {@code {vendor}} in a location is Spring Boot's, not Flyway's.)
 */
final class Migrations {
    private static final Map<String, String> VENDORS = Map.of("jdbc:sqlite:", "sqlite",
            "jdbc:postgresql:", "postgresql");

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
}
