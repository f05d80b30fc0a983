package dev.gantry;

import dev.gantry.store.Store;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of one test's own on the PostgreSQL server that bin/env-up starts (127.0.0.1:55432), made
 * with CREATE DATABASE it_&lt;random&gt; by the role gantry and dropped by {@link #close()}, so that tests
 * never see each other's rows. GANTRY_TEST_POSTGRES names another server's database to connect to
 * first, as a JDBC URL with user and password. A server that does not answer fails the test: it is
 * part of the environment, like Docker.
 */
public final class PostgresDatabase implements AutoCloseable {
    /** The cluster of an env-up before generated passwords: its role and database gantry (bin/lib/env-postgres.sh). */
    public static final String ENV_UP = "jdbc:postgresql://127.0.0.1:55432/gantry?user=gantry&password=gantry";
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?");

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** Creates a new, empty database on the server. */
    public static PostgresDatabase create() {
        String name = newName();
        execute("CREATE DATABASE " + name);
        return new PostgresDatabase(name);
    }

    /**
     * Creates a new database whose schema is already current: a copy of this JVM's {@link MigratedTemplate}, made
     * once by {@link Store#open}'s migrations. A unit test opening it is a store opened after its first start, without
     * the migrations' half second; the ITs and the migration tests start from {@link #create() empty} databases.
     */
    public static PostgresDatabase migrated() {
        String name = newName();
        execute("CREATE DATABASE " + name + " TEMPLATE " + MigratedTemplate.NAME);
        return new PostgresDatabase(name);
    }

    private static String newName() {
        return "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /**
     * The database that {@link #migrated()} copies: made and migrated at the first call in this JVM, connected to by
     * nobody after that (PostgreSQL copies only a database without sessions), dropped when the JVM ends.
     */
    private static final class MigratedTemplate {
        static final String NAME = newName() + "_template";

        static {
            execute("CREATE DATABASE " + NAME);
            new PostgresDatabase(NAME).migrate();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> new PostgresDatabase(NAME).close()));
        }
    }

    private void migrate() {
        Store.open(url()).close();
    }

    /** The JDBC URL of this database, with the user and password of the server's URL. */
    public String url() {
        Matcher m = URL.matcher(server());
        if (!m.matches()) {
            throw new IllegalStateException("GANTRY_TEST_POSTGRES should be jdbc:postgresql://HOST:PORT/DB?user=…"
                    + "&password=…, not " + server());
        }
        return m.group(1) + name + Optional.ofNullable(m.group(3)).orElse("");
    }

    /** This database's name. */
    public String name() {
        return name;
    }

    /**
     * Drops the database, ending any connection a test left open to it. Not {@code WITH (FORCE)}: that
     * also terminates an autovacuum worker, which the role gantry may not signal (the drop failed so);
     * a plain drop tells autovacuum to leave and waits for it.
     */
    @Override
    public void close() {
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'"
                + " AND usename = current_user AND pid <> pg_backend_pid()");
        execute("DROP DATABASE IF EXISTS " + name);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(server());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + server().replaceAll("password=[^&]*", "password=***")
                    + " failed " + sql + ": " + e.getMessage().replaceAll("\\.$", "")
                    + ". bin/env-up starts the server this test needs"
                    + " (bin/test runs it first); see docs/environment.md", e);
        }
    }

    /** GANTRY_TEST_POSTGRES of the test JVM, else the one env-up wrote to .env/gantry.env, else an older env-up's. */
    private static String server() {
        return LabCredentials.get("GANTRY_TEST_POSTGRES").orElse(ENV_UP);
    }
}
