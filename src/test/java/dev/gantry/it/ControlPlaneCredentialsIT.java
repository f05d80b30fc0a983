package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gantry.GantryException;
import dev.gantry.LabCredentials;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.DiscoveryUnavailableException;
import dev.gantry.engine.Engine;
import dev.gantry.engine.LogSink;
import dev.gantry.image.ImageReference;
import dev.gantry.image.Registry;
import dev.gantry.image.RegistryUnavailableException;
import dev.gantry.store.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The lab's control planes, as bin/env-up sets them up, refuse a client without credentials (a test
 * container on the host network, say) and take Gantry's: the registry, etcd and PostgreSQL. Runs where
 * env-up wrote credentials (.env/gantry.env, or GANTRY_ENV_DIR's), and is skipped against an older lab.
 */
class ControlPlaneCredentialsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private final String name = "planes-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theRegistryRefusesAnAnonymousPushAndTakesGantrysLogin() throws Exception {
        assumeThat(LabCredentials.registryLogin()).as("env-up wrote registry credentials").isPresent();
        String registry = LabCredentials.registry();
        ImageReference image = ImageReference.of(registry, name, "1");
        docker("tag", "gantry/java:25", image.toString());
        try (Engine anonymous = Engine.connect(Optional.empty());
             Engine gantry = Engine.connect(Optional.empty(), registry, LabCredentials.registryLogin())) {
            assertThatThrownBy(() -> anonymous.push(image.toString(), DEADLINE, LogSink.NONE))
                    .isInstanceOf(GantryException.class).hasMessageContaining("no basic auth credentials");
            assertThatThrownBy(() -> Registry.at(registry).ping())
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("answered 401").hasMessageContaining("asks for credentials");
            assertThat(Registry.at(registry).login()).isEmpty();

            gantry.push(image.toString(), DEADLINE, LogSink.NONE);
            gantry.removeImage(image.toString());
            gantry.pull(image.toString(), DEADLINE, LogSink.NONE);

            Registry withLogin = Registry.at(registry, LabCredentials.registryLogin());
            withLogin.ping();
            assertThat(withLogin.contains(image)).isTrue();
            assertThat(new RegistryApi().tags(name)).containsExactly("1");
            gantry.removeImage(image.toString());
        } finally {
            new RegistryApi().deleteRepository(name);
        }
    }

    @Test
    void etcdRefusesAnAnonymousClientAndLetsGantryWriteItsKeys() {
        assumeThat(LabCredentials.etcdLogin()).as("env-up wrote etcd credentials").isPresent();

        assertThatThrownBy(() -> Discovery.open(LabCredentials.etcd(), null).close())
                .isInstanceOf(DiscoveryUnavailableException.class)
                .hasMessageContaining("user name is empty").hasMessageContaining("GANTRY_ETCD_USERNAME");
        try (Discovery discovery = Discovery.open(LabCredentials.etcd(), null, LabCredentials.etcdLogin())) {
            discovery.setLive(name, Colour.BLUE);
            assertThat(discovery.live(name)).contains(Colour.BLUE);
            discovery.clearLive(name);
        }
    }

    @Test
    void postgresRefusesTheOldFixedPasswordAndTakesTheGeneratedOne() {
        String url = LabCredentials.get("GANTRY_TEST_POSTGRES").orElse("");
        assumeThat(url).as("env-up wrote the PostgreSQL credentials").contains("password=");

        assertThatThrownBy(() -> Store.open(url.replaceAll("password=[^&]*", "password=gantry")).close())
                .isInstanceOf(GantryException.class).hasMessageContaining("password authentication failed");
        // opening migrates the schema: the role logs in and writes
        try (Store store = Store.open(url)) {
            assertThat(store.url()).startsWith(url.substring(0, url.indexOf('?')));
        }
    }

    private static void docker(String... arguments) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<String>();
        command.add("docker");
        command.addAll(java.util.List.of(arguments));
        Process docker = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(docker.getInputStream().readAllBytes());
        assertThat(docker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(docker.exitValue()).as("docker %s: %s", String.join(" ", arguments), output).isZero();
    }
}
