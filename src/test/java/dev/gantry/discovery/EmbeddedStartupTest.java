package dev.gantry.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The etcd client (jetcd with gRPC, Netty and Vert.x: some 1,700 classes) costs startup time, so
 * it must load only when etcd is the backend. Checked in a fresh JVM that logs every class it loads,
 * on a SQLite store whatever GANTRY_TEST_STORE says (the classes loaded, not the store, are the subject).
 */
class EmbeddedStartupTest {
    private static final List<String> ETCD_CLIENT_PACKAGES = List.of("io.etcd.", "io.grpc.", "io.netty.", "io.vertx.");

    @Test
    void theEmbeddedBackendLoadsNoEtcdClientClass(@TempDir Path home) throws Exception {
        Path output = home.resolve("classes.log");
        Process java = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Xlog:class+load=info", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                OpenEmbeddedDiscovery.class.getName(), home.resolve("gantry.db").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        assertThat(java.waitFor(2, TimeUnit.MINUTES)).as("the JVM ended").isTrue();
        List<String> lines = Files.readAllLines(output);
        assertThat(java.exitValue()).as("exit code; output:%n%s", String.join("\n", lines)).isZero();
        assertThat(lines).as("it ran and logged its classes")
                .contains("services [books-ms], live BLUE")
                .anyMatch(line -> line.contains(" dev.gantry.discovery.Discovery "));
        assertThat(lines).as("classes of the etcd client")
                .noneMatch(line -> ETCD_CLIENT_PACKAGES.stream().anyMatch(line::contains));
    }
}
