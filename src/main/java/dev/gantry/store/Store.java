package dev.gantry.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * Gantry's persistent store: a JDBC database (a SQLite file by default, or PostgreSQL) whose schema is
 * kept by versioned Flyway migrations (see {@link Migrations}).
 */
public final class Store implements AutoCloseable {
    private final String url;
    private final StoreConnection connection;
    private final Runs runs;
    private final Keys keys;
    private final Journal journal;
    private final Leases leases;
    private final Secrets secrets;
    private final ApiTokenRows apiTokens;
    private final ServiceRows services;
    private final WebhookDeliveries webhookDeliveries;
    private final RequestFigures requestFigures;
    private final Sql sql;
    private InstallationId installationId;

    private Store(String url, StoreConnection connection) {
        this.url = url;
        this.connection = connection;
        Sql sql = new Sql(url, connection);
        this.sql = sql;
        this.runs = new Runs(sql);
        this.keys = new Keys(sql);
        this.journal = new Journal(sql);
        this.leases = new Leases(sql);
        this.secrets = new Secrets(sql);
        this.apiTokens = new ApiTokenRows(sql);
        this.services = new ServiceRows(sql);
        this.webhookDeliveries = new WebhookDeliveries(sql);
        this.requestFigures = new RequestFigures(sql);
    }

    /** Opens the store at {@code jdbcUrl}, creating and migrating its schema as needed. */
    public static Store open(String jdbcUrl) {
        try {
            createParentDirectory(jdbcUrl);
            if (isCurrent(jdbcUrl)) {
                return new Store(jdbcUrl, new StoreConnection(() -> connect(jdbcUrl)));
            }
            return SchemaLock.holding(jdbcUrl, () -> migrated(jdbcUrl));
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("Opening", jdbcUrl, e);
        }
    }

    /** A store whose schema is current needs no migration and no lock: nobody migrates it. */
    private static boolean isCurrent(String jdbcUrl) throws SQLException {
        if (jdbcUrl.startsWith("jdbc:sqlite:") && !Files.exists(Path.of(jdbcUrl.substring("jdbc:sqlite:".length())))) {
            return false;  // a new store: asking would create its file outside the lock
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            return Migrations.current(connection);
        }
    }

    private static Store migrated(String jdbcUrl) throws SQLException {
        Flyway.configure().dataSource(jdbcUrl, null, null).locations(Migrations.locations(jdbcUrl))
                .loggers("slf4j").load().migrate();
        return new Store(jdbcUrl, new StoreConnection(() -> connect(jdbcUrl)));
    }

    private static Connection connect(String jdbcUrl) throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl);
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA foreign_keys=ON");
            }
        }
        return connection;
    }

    /** Runs and their stages. */
    public Runs runs() {
        return runs;
    }

    /** The key-value table that holds discovery's keys when discovery is embedded. */
    public Keys keys() {
        return keys;
    }

    /** The run journal: effects on production, for undo, recovery and the audit log. */
    public Journal journal() {
        return journal;
    }

    /** The deploy leases: which gantry process runs which service now (docs/locks.md). */
    public Leases leases() {
        return leases;
    }

    /** The sealed secrets of services (opened by {@code dev.gantry.secret.Vault}). */
    public Secrets secrets() {
        return secrets;
    }

    /** The API tokens of {@code gantry server}, hashed (docs/server.md). */
    public ApiTokenRows apiTokens() {
        return apiTokens;
    }

    /** The services {@code gantry server} knows (docs/server.md). */
    public ServiceRows services() {
        return services;
    }

    /** The delivery ids of forge webhooks already taken (docs/webhooks.md). */
    public WebhookDeliveries webhookDeliveries() {
        return webhookDeliveries;
    }

    /** The requests each release answered through the proxy, period by period (docs/observability.md). */
    public RequestFigures requestFigures() {
        return requestFigures;
    }

    /**
     * The id of the installation this store belongs to, generated the first time it is asked for:
     * every process that shares the store (the server, CLIs) is one installation and labels what it
     * starts with this id (docs/architecture.md, "Installations").
     */
    public synchronized InstallationId installationId() {
        if (installationId == null) {
            sql.update("INSERT INTO installation (singleton, id) VALUES (1, ?) ON CONFLICT (singleton) DO NOTHING",
                    InstallationId.generate().value());
            installationId = InstallationId.of(sql.query("SELECT id FROM installation WHERE singleton = 1",
                    rs -> rs.getString(1)).getFirst());
        }
        return installationId;
    }

    /** The JDBC URL this store was opened with. */
    public String url() {
        return StoreException.masked(url);  // for showing (gantry doctor): its password masked
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("Closing", url, e);
        }
    }

    private static void createParentDirectory(String jdbcUrl) throws SQLException {
        if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
            return;
        }
        Path parent = Path.of(jdbcUrl.substring("jdbc:sqlite:".length())).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new SQLException("cannot create " + parent + ": " + e.getMessage(), e);
        }
    }
}
