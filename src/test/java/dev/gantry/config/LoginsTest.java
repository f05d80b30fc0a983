package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginsTest {
    @TempDir
    Path home;

    @Test
    void withoutSettingsGantryPresentsNoCredentials() {
        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString())).logins()).isEqualTo(Logins.NONE);
    }

    @Test
    void readsTheRegistryLoginFromConfigYmlAndTheEtcdLoginFromTheEnvironment() throws IOException {
        Files.writeString(home.resolve("config.yml"), "registry-username: pusher\nregistry-password: from-file\n");

        Logins logins = Installation.load(Map.of("GANTRY_HOME", home.toString(), "GANTRY_ETCD_USERNAME", "gantry",
                "GANTRY_ETCD_PASSWORD", "from-env")).logins();

        assertThat(logins).isEqualTo(new Logins(Optional.of(new Login("pusher", "from-file")),
                Optional.of(new Login("gantry", "from-env"))));
    }

    @Test
    void aUsernameWithoutPasswordIsRefusedWithoutShowingAnyPassword() throws IOException {
        Files.writeString(home.resolve("config.yml"), "etcd-password: s3cret-in-file\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString(),
                "GANTRY_REGISTRY_USERNAME", "pusher")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GANTRY_REGISTRY_USERNAME: is set but registry-password (GANTRY_REGISTRY_PASSWORD)"
                        + " is not; set both, or neither for a registry without authentication")
                .hasMessageContaining("etcd-password (line 1): is set but etcd-username (GANTRY_ETCD_USERNAME) is not")
                .hasMessageNotContaining("s3cret-in-file");
    }

    @Test
    void printingTheInstallationNeverShowsAPassword() {
        Installation installation = Installation.load(Map.of("GANTRY_HOME", home.toString(),
                "GANTRY_REGISTRY_USERNAME", "pusher", "GANTRY_REGISTRY_PASSWORD", "s3cret-registry"));

        assertThat(installation.toString()).contains("Login[pusher, password not shown]").doesNotContain("s3cret");
    }
}
