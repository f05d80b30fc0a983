package dev.gantry;

import dev.gantry.config.Login;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The lab's addresses and credentials, as bin/env-up writes them to .env/gantry.env (GANTRY_ENV_DIR
 * names another lab's directory). A variable of the test JVM wins over the file; without either,
 * the lab of an older env-up is assumed: fixed addresses, no credentials.
 */
public final class LabCredentials {
    private static final Map<String, String> FILE = read();

    private LabCredentials() {
    }

    /** A setting of the lab: GANTRY_REGISTRY, GANTRY_REGISTRY_PASSWORD, GANTRY_TEST_POSTGRES and so on. */
    public static Optional<String> get(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank())
                .or(() -> Optional.ofNullable(FILE.get(name)));
    }

    /** The registry as HOST:PORT. */
    public static String registry() {
        return get("GANTRY_REGISTRY").orElse("127.0.0.1:5000");
    }

    /** etcd as etcd://HOST:PORT. */
    public static String etcd() {
        return get("GANTRY_TEST_ETCD").orElse("etcd://127.0.0.1:2379");
    }

    public static Optional<Login> registryLogin() {
        return login("GANTRY_REGISTRY");
    }

    public static Optional<Login> etcdLogin() {
        return login("GANTRY_ETCD");
    }

    /** The variables a Gantry process of the tests needs to reach the lab: its credentials. */
    public static Map<String, String> variables() {
        Map<String, String> variables = new HashMap<>();
        for (String name : new String[] {"GANTRY_REGISTRY_USERNAME", "GANTRY_REGISTRY_PASSWORD", "GANTRY_ETCD_USERNAME",
                "GANTRY_ETCD_PASSWORD"}) {
            get(name).ifPresent(value -> variables.put(name, value));
        }
        return variables;
    }

    private static Optional<Login> login(String prefix) {
        return get(prefix + "_USERNAME").flatMap(user -> get(prefix + "_PASSWORD").map(password -> new Login(user, password)));
    }

    /** The lab's directory: GANTRY_ENV_DIR, else the project's .env (where bin/env-up writes). */
    public static Path envDir() {
        String dir = System.getenv("GANTRY_ENV_DIR");
        return dir == null || dir.isBlank() ? Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve(".env")
                : Path.of(dir);
    }

    private static Map<String, String> read() {
        Path file = envDir().resolve("gantry.env");
        Map<String, String> values = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (!line.startsWith("#") && equals > 0) {
                    values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the lab's credentials " + file + " failed", e);
        }
        return values;
    }
}
