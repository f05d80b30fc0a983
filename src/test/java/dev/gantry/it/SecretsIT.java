package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.it.GantryCli.Result;
import dev.gantry.secret.Leaks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secrets through the real CLI, engine, registry and proxy: {@code gantry secret set} from standard
 * input, the value encrypted at rest under an owner-only key, given to the app and test containers,
 * and masked in every output of a passing and a failing run of a service that prints it raw,
 * URL-encoded and base64-encoded (src/test/resources/services/leaky).
 */
@BothStores
class SecretsIT {
    /** Unique per test; a space, URL-reserved characters and a two-byte letter make every form differ. */
    private final String secret = "Zq9 p/X+=&é%-" + UUID.randomUUID().toString().substring(0, 8);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void setListAndRemoveNeverShowTheValueWhichIsEncryptedUnderAnOwnerOnlyKey() throws IOException {
        String service = sandbox.service();
        Result set = sandbox.cli().input(secret + "\n").run("secret", "set", service, "API_TOKEN");

        assertThat(set.exitCode()).as("%s", set).isZero();
        assertThat(set.stdout()).isEqualTo("secret API_TOKEN of " + service + " set\n");
        Path key = sandbox.home().resolve("secrets.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(storeBytes()).as("the store's files").doesNotContain(latin1(secret));

        Result list = sandbox.cli().run("secret", "list", service);
        assertThat(list.exitCode()).as("%s", list).isZero();
        assertThat(list.stdout()).startsWith("NAME       SET\nAPI_TOKEN  ");

        Result badName = sandbox.cli().input(secret).run("secret", "set", service, "api-token");
        assertThat(badName.exitCode()).as("%s", badName).isEqualTo(2);
        assertThat(badName.stderr()).startsWith("error: The secret name 'api-token' is not an environment variable name");
        Result empty = sandbox.cli().run("secret", "set", service, "EMPTY");
        assertThat(empty.exitCode()).as("%s", empty).isEqualTo(2);
        assertThat(empty.stderr()).contains("The value given for secret EMPTY of " + service + " is empty");

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Result unsafe = sandbox.cli().input(secret).run("secret", "set", service, "OTHER");
        assertThat(unsafe.exitCode()).as("%s", unsafe).isEqualTo(3);
        assertThat(unsafe.stderr()).contains("error: The secrets key " + key).endsWith("chmod 600 " + key + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        Result removed = sandbox.cli().run("secret", "remove", service, "API_TOKEN");
        assertThat(removed.exitCode()).as("%s", removed).isZero();
        assertThat(sandbox.cli().run("secret", "list", service).stdout()).startsWith(service + " has no secrets.");
        for (Result result : List.of(set, list, badName, empty, unsafe, removed)) {
            assertThat(Leaks.in(result.stdout() + result.stderr(), secret)).as("%s", result).isEmpty();
        }
    }

    @Test
    void aSecretReachesTheContainersAndIsMaskedInEveryOutputOfAPassingAndAFailingRun() throws Exception {
        String service = sandbox.service();
        ServiceRepo repo = ServiceRepo.create(sandbox.directory("leaky").resolve("repo"), Sandbox.resource("services/leaky"),
                "leaky", service);
        Result set = sandbox.cli().input(secret + "\n").run("secret", "set", service, "API_TOKEN");
        assertThat(set.exitCode()).as("%s", set).isZero();

        Result passed = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(passed.exitCode()).as("%s", passed).isZero();
        assertThat(get(sandbox.proxyUrl() + "/leaky/token-digest")).as("the live app's API_TOKEN, by its digest")
                .isEqualTo(sha256(secret));
        assertThat(logs()).as("the tests of every phase had the secret")
                .contains("PASS leaky pre-deployment: API_TOKEN is set: true")
                .contains("PASS leaky pre-integration: the service has the same API_TOKEN")
                .contains("PASS leaky post-integration: the service has the same API_TOKEN")
                .contains("test pre-deployment raw: ***", "test pre-deployment raw on stderr: ***",
                        "test pre-integration url: https://api.example.com/?token=***", "test post-integration base64: ***",
                        "test pre-deployment embedded+1: ");

        repo.replace("gantry.yml", "LEAKY_HEALTH: ok", "LEAKY_HEALTH: fail");
        repo.replace("gantry.yml", "timeout: 30s", "timeout: 4s");
        repo.commit("A health check that fails");
        Result failed = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(failed.exitCode()).as("%s", failed).isEqualTo(1);
        assertThat(failed.stderr()).as("%s", failed).contains("  last lines of its output:\n")
                .contains("  | app raw: ***\n", "  | app raw on stderr: ***\n", "  | app url%20: ***\n",
                        "  | app base64: ***\n", "  | app base64url: ***\n")
                .contains("error: stage deploy failed: ");
        assertThat(get(sandbox.proxyUrl() + "/leaky/token-digest")).as("the first release is still live")
                .isEqualTo(sha256(secret));

        Result logs = sandbox.cli().run("logs", service);
        assertThat(logs.exitCode()).as("%s", logs).isZero();
        assertThat(logs.stdout()).as("the live replicas' output, as gantry logs shows it")
                .contains("| app raw: ***\n", "| app raw on stderr: ***\n", "| app url%20: ***\n", "| app base64: ***\n");
        Result history = sandbox.cli().run("history", service);
        assertThat(history.exitCode()).as("%s", history).isZero();
        Result audit = sandbox.cli().run("audit", service);
        assertThat(audit.exitCode()).as("%s", audit).isZero();
        assertThat(audit.stdout()).as("%s", audit).contains("start " + service + "-blue-1");
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Result result : List.of(set, passed, failed, logs, history, audit)) {
            outputs.put(String.join(" ", result.args()) + " (stdout)", result.stdout());
            outputs.put(String.join(" ", result.args()) + " (stderr)", result.stderr());
        }
        outputs.putAll(logFiles());
        outputs.put("the store's files", storeBytes());
        outputs.forEach((where, text) -> assertThat(Leaks.in(text, secret)).as("forms of the secret in %s", where).isEmpty());
        assertThat(outputs.get("the store's files")).doesNotContain(latin1(secret));
    }

    /** Every run log under GANTRY_HOME/logs, by file name. */
    private Map<String, String> logFiles() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(sandbox.home().resolve("logs"))) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(file.toString(), Files.readString(file));
            }
        }
        assertThat(files).as("run logs").isNotEmpty();
        return files;
    }

    private String logs() throws IOException {
        return String.join("\n", logFiles().values());
    }

    /**
     * The bytes of the store's SQLite files (the database, its write-ahead log), as Latin-1 text; on
     * PostgreSQL (GANTRY_TEST_STORE=postgres) every row of every table as text, in the same encoding.
     */
    private String storeBytes() {
        if (sandbox.storeUrl().startsWith("jdbc:postgresql:")) {
            return latin1(String.join("\n", postgresRows()));
        }
        List<String> texts = new ArrayList<>();
        for (String name : List.of("gantry.db", "gantry.db-wal", "gantry.db-shm")) {
            Path file = sandbox.home().resolve(name);
            try {
                if (Files.exists(file)) {
                    texts.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(texts).as("the store's files").isNotEmpty();
        return String.join("\n", texts);
    }

    private List<String> postgresRows() {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(sandbox.storeUrl());
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet all = statement.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (all.next()) {
                        rows.add(table + " " + all.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the store's rows failed", e);
        }
        assertThat(rows).as("the store's rows").isNotEmpty();
        return rows;
    }

    /** The secret's UTF-8 bytes as they appear in {@link #storeBytes()}. */
    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return response.body().trim();
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
