package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.FreePort;
import dev.gantry.PostgresDatabase;
import dev.gantry.TestStore;
import dev.gantry.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test's own world (STYLE.md, "Tests"): a unique service name, a GANTRY_HOME in a temp dir,
 * the CLI pointed at it (and at a PostgreSQL database of its own, on request or for every test when
 * {@link TestStore} says so: GANTRY_TEST_STORE=postgres), and afterwards the removal of everything labelled with that service (containers, images), its repositories in the
 * registry, the temp dir and the database. Register it with
 * {@code @RegisterExtension final Sandbox sandbox = new Sandbox();}.
 */
final class Sandbox implements BeforeEachCallback, AfterEachCallback {
    private final String service = "it-" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final DockerObjects docker = new DockerObjects();
    private DockerObjects cdDocker;
    private DockerObjects swarm;
    private SwarmLab.Held swarmHeld;
    private final RegistryApi registry = new RegistryApi();
    private final int proxyPort = closedPort();
    private Path root;
    private GantryCli cli;
    private final List<GantryCli.Running> servers = new ArrayList<>();
    private String discovery = "embedded";
    private PostgresDatabase postgres;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("gantry-it-");
        Files.createDirectories(root.resolve("out"));
        cli = GantryCli.of(home(), root.resolve("out"))
                .with("GANTRY_PROXY_HTTP_PORT", Integer.toString(proxyPort))
                .with("GANTRY_PROXY_HTTPS_PORT", Integer.toString(closedPort()));
        if (TestStore.postgres()) {
            useStore("postgres");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        servers.forEach(GantryCli.Running::kill);
        DockerObjects cd = cdDocker;
        DockerObjects manager = swarm;
        try (var held = swarmHeld; docker; cd; manager) {
            ManagedProxies.stopAll(home());
            if (manager != null) {
                manager.removeSwarmServices(service);
            }
            docker.removeAll(service);
            if (cd != null) {
                cd.removeAll(service);
            }
            registry.deleteRepository(service);
            registry.deleteRepository(service + "-test");
            EtcdKeys.deleteService(discovery, service);
        } finally {
            try {
                deleteTree(root);
            } finally {
                if (postgres != null) {
                    postgres.close();
                }
            }
        }
    }

    /** Runs this test's CLI with {@code proxy} (haproxy or nginx) and {@code discovery} (embedded or etcd://…). */
    void use(String proxy, String discovery) {
        this.discovery = discovery;
        cli = cli.with("GANTRY_PROXY", proxy).with("GANTRY_DISCOVERY", discovery);
    }

    /**
     * Runs this test's CLI on a PostgreSQL database of its own (GANTRY_STORE; see {@link PostgresDatabase})
     * when {@code store} is "postgres"; "sqlite" keeps the embedded default, unless GANTRY_TEST_STORE=postgres
     * already put the whole run on PostgreSQL (then every test is, whatever it asks; see {@link #sqliteOnly}).
     */
    void useStore(String store) {
        if (store.equals("postgres") && postgres == null) {
            postgres = PostgresDatabase.create();
            cli = cli.with("GANTRY_STORE", postgres.url());
        } else if (!store.equals("sqlite") && !store.equals("postgres")) {
            throw new IllegalArgumentException("store should be sqlite or postgres, not " + store);
        }
    }

    /**
     * Keeps this test on the SQLite store even when GANTRY_TEST_STORE=postgres, for a test about SQLite
     * itself; {@code why} says what it looks at (the reason is for the reader).
     */
    void sqliteOnly(String why) {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        cli = cli.with("GANTRY_STORE", "jdbc:sqlite:" + home().resolve("gantry.db"));
    }

    /** The JDBC URL of this test's store, for a test that looks into it. */
    String storeUrl() {
        return postgres != null ? postgres.url() : "jdbc:sqlite:" + home().resolve("gantry.db");
    }

    /** Makes token {@code name} expired, as if its --expires had passed: the store is the clock's only witness. */
    void expireToken(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(storeUrl())) {
            var update = connection.prepareStatement("UPDATE api_tokens SET expires_at = ? WHERE name = ?");
            update.setLong(1, System.currentTimeMillis() - 1000);
            update.setString(2, name);
            assertThat(update.executeUpdate()).as("token %s in the store", name).isEqualTo(1);
        }
    }

    /** The id of this test's installation (the end of its container names), from its store. */
    String installationId() {
        try (Store store = Store.open(storeUrl())) {
            return store.installationId().value();
        }
    }

    /**
     * Tests and builds on the CD engine at {@code dockerHost} (GANTRY_CD_DOCKER_HOST), releases on
     * the default engine (production); what the service leaves on either is removed afterwards.
     */
    void useCdEngine(String dockerHost) {
        cdDocker = new DockerObjects(dockerHost);
        cli = cli.with("GANTRY_CD_DOCKER_HOST", dockerHost);
    }

    /**
     * Releases on the lab Swarm through its manager (DOCKER_HOST), tests and builds on the CD engine, as
     * the lab does by default (docs/swarm.md); the service's Swarm services are removed afterwards.
     */
    void useSwarm(SwarmLab lab) {
        useSwarm(lab, false);
    }

    /** The same, with the lab to this test alone (no other test deploys to it meanwhile): for cutting nodes. */
    void useSwarmAlone(SwarmLab lab) {
        useSwarm(lab, true);
    }

    private void useSwarm(SwarmLab lab, boolean alone) {
        swarmHeld = SwarmLab.hold(alone);
        useCdEngine(CdEngineAddress.require());
        swarm = new DockerObjects(lab.manager());
        cli = cli.with("DOCKER_HOST", lab.manager());
    }

    /** The lab Swarm's objects, through its manager; only after {@link #useSwarm}. */
    DockerObjects swarm() {
        assertThat(swarm).as("the Swarm (call useSwarm first)").isNotNull();
        return swarm;
    }

    /** The production engine's objects (the default engine, DOCKER_HOST). */
    DockerObjects production() {
        return docker;
    }

    /** What runs the service's releases: its Swarm services and their tasks on a Swarm, else its containers. */
    List<String> releaseInventory(String service) {
        return swarm != null ? swarm.swarmInventory(service) : docker.containerInventory(service);
    }

    /** The service's images on the engine that builds them: the CD engine when there is one, else production. */
    List<String> imageInventory(String service) {
        return testEngine().imageInventory(service);
    }

    /** The CD engine's objects; only after {@link #useCdEngine}. */
    DockerObjects cdEngine() {
        assertThat(cdDocker).as("the CD engine (call useCdEngine first)").isNotNull();
        return cdDocker;
    }

    /** Where users reach the services of this test: the managed proxy's HTTP port. */
    String proxyUrl() {
        return "http://127.0.0.1:" + proxyPort;
    }

    /** The service's unique name; also its image repository. */
    String service() {
        return service;
    }

    /** This machine's Docker engine, as the tests look into it. */
    DockerObjects docker() {
        return docker;
    }

    /** This test's GANTRY_HOME (created by the CLI when it first needs it). */
    Path home() {
        return root.resolve("home");
    }

    /** A fresh directory of this test's own. */
    Path directory(String name) {
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CLI with this test's GANTRY_HOME. */
    GantryCli cli() {
        return cli;
    }

    /** Starts {@code gantry server} with {@code cli} ({@link GantryCli#server()}); it is killed when the test ends. */
    GantryCli.Running server(GantryCli cli, String... options) {
        GantryCli.Running server = cli.server(options);
        servers.add(server);
        return server;
    }

    /** The same, taking the runs {@code cli} hands over ({@link GantryCli#serverInTheSameEnvironment()}). */
    GantryCli.Running serverTakingHandedRuns(GantryCli cli) {
        GantryCli.Running server = cli.serverInTheSameEnvironment();
        servers.add(server);
        return server;
    }

    /** The example service (examples/books-ms), committed in a repository of its own. */
    ServiceRepo example() {
        Path example = projectRoot().resolve("examples").resolve("books-ms");
        assertThat(example.resolve("gantry.yml")).as("the example service").isRegularFile();
        return ServiceRepo.create(root.resolve("repo"), example, "books-ms", service);
    }

    /** The tiny service (src/test/resources/services/tiny), committed in a repository of its own. */
    /**
     * Runs the flow of {@code repo}, SIGKILLs it where failpoint {@code point} pauses it, then runs
     * `gantry status` (which recovers the run) and answers what status printed.
     */
    String killRunAt(String point, ServiceRepo repo) {
        var run = cli.with("GANTRY_FAILPOINTS", point + "=pause").start("run", repo.serviceDir().toString());
        try {
            run.awaitStderr("failpoint " + point + ": paused", Duration.ofMinutes(3));
        } finally {
            run.kill();
        }
        var status = cli.run("status", service);
        assertThat(status.exitCode()).as(status.toString()).isZero();
        return status.toString();
    }

    ServiceRepo tiny() {
        return ServiceRepo.create(root.resolve("repo"), resource("services/tiny"), "tiny", service);
    }

    /** Containers labelled with this test's service, running or not. */
    List<String> containers() {
        return docker.containers(service);
    }

    /** Names of this service's running containers that also carry {@code labels}. */
    List<String> runningContainers(Map<String, String> labels) {
        return docker.names(service, labels, true);
    }

    /** The logs of a stage in every run so far: integration phases print what they were sent to. */
    String stageLogs(String stage) {
        Path dir = home().resolve("logs").resolve(service());
        try (Stream<Path> files = Files.list(dir)) {
            var text = new StringBuilder();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-" + stage + ".log")).toList()) {
                text.append(Files.readString(file));
            }
            return text.toString();
        } catch (IOException e) {
            throw new AssertionError("no logs of " + stage + " in " + dir, e);
        }
    }

    /** Names of the networks Gantry made for this service's integration tests that are still there. */
    List<String> testNetworks() {
        return testEngine().networks(service);
    }

    /** This service's running test containers, on the engine that runs the tests. */
    List<String> runningTestContainers() {
        return testEngine().names(service, Map.of("gantry.role", "test"), true);
    }

    /** The running replicas of {@code colour}: its Swarm service's running tasks' nodes on a Swarm, else its containers. */
    List<String> runningReplicas(String colour) {
        if (swarm == null) {
            return runningContainers(Map.of("gantry.colour", colour));
        }
        return swarm.swarmServices(service).entrySet().stream().filter(e -> e.getKey().contains("-" + colour + "-"))
                .flatMap(e -> e.getValue().stream().map(node -> e.getKey() + " on " + node)).toList();
    }

    /** The engine that runs the tests and builds: the CD engine when there is one, else production. */
    private DockerObjects testEngine() {
        return cdDocker != null ? cdDocker : docker;
    }

    /** Names of this service's containers, running or not, that also carry {@code labels}. */
    List<String> allContainers(Map<String, String> labels) {
        return docker.names(service, labels, false);
    }

    /** This service's containers as "name id state colour release role", sorted (see DockerObjects#snapshot). */
    List<String> containerSnapshot() {
        return docker.snapshot(service);
    }

    /** Images labelled with this test's service. */
    List<String> images() {
        return docker.images(service);
    }

    /** The registry the CLI pushes to. */
    RegistryApi registry() {
        return registry;
    }

    /** A port nothing listens on, outside the range the OS gives outgoing connections (see FreePort). */
    static int closedPort() {
        return FreePort.pick();
    }

    /** A file or directory of src/test/resources, as copied to the test class path. */
    static Path resource(String name) {
        try {
            var url = Sandbox.class.getClassLoader().getResource(name);
            assertThat(url).as("test resource %s", name).isNotNull();
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Maven's basedir (failsafe sets it), else the working directory, which Maven makes the same. */
    static Path projectRoot() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("removing the test directory " + dir + " failed", e);
        }
    }
}
