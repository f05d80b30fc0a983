package dev.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.TestInstallation;
import dev.gantry.config.ServiceConfig;
import dev.gantry.discovery.Colour;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.image.ImageReference;
import dev.gantry.secret.SecretValues;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppContainersTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void aReplicaIsLabelledAndNamedWithItsInstallationPublishedOnLoopbackAndSharesTheServiceVolumes() {
        ServiceConfig config = ServiceConfig.parse("""
                service: books-ms
                run:
                  port: 8080
                  env: {JAVA_OPTS: -Xmx64m}
                """, "gantry.yml");
        var deployment = new Deployment(TestInstallation.ID, 7, config, COMMIT, ImageReference.of("127.0.0.1:5000", "books-ms", COMMIT),
                ImageReference.of("127.0.0.1:5000", "books-ms-test", COMMIT));

        ContainerSpec spec = AppContainers.replica(deployment, Colour.GREEN, 2, List.of("/data", "/var/cache/"));

        assertThat(spec).isEqualTo(new ContainerSpec(
                "127.0.0.1:5000/books-ms:" + COMMIT,
                "books-ms-green-2-inst0001",
                List.of(),
                Map.of("JAVA_OPTS", "-Xmx64m", "GANTRY_SERVICE", "books-ms", "GANTRY_RELEASE", COMMIT,
                        "GANTRY_COLOUR", "green"),
                Map.of("gantry.installation", "inst0001", "gantry.service", "books-ms", "gantry.colour", "green",
                        "gantry.role", "app", "gantry.release", COMMIT, "gantry.run", "7"),
                Optional.empty(),
                List.of(8080),
                Map.of("gantry-books-ms-data-inst0001", "/data", "gantry-books-ms-var-cache-inst0001", "/var/cache/"),
                new ContainerSpec.Supervision("unless-stopped", 0, 0)));
    }

    @Test
    void theServiceSecretsAreEnvironmentVariablesAndWinOverRunEnvOfTheSameName() {
        ServiceConfig config = ServiceConfig.parse("""
                service: books-ms
                run:
                  env: {DB_PASSWORD: dev-password, JAVA_OPTS: -Xmx64m}
                """, "gantry.yml");
        var deployment = new Deployment(TestInstallation.ID, 7, config, COMMIT, ImageReference.of("127.0.0.1:5000", "books-ms", COMMIT),
                ImageReference.of("127.0.0.1:5000", "books-ms-test", COMMIT))
                .withSecrets(SecretValues.of(Map.of("DB_PASSWORD", "s3cret-pw", "API_TOKEN", "t0ken-value")));

        ContainerSpec spec = AppContainers.replica(deployment, Colour.BLUE, 1, List.of());

        assertThat(spec.env()).isEqualTo(Map.of("DB_PASSWORD", "s3cret-pw", "API_TOKEN", "t0ken-value",
                "JAVA_OPTS", "-Xmx64m", "GANTRY_SERVICE", "books-ms", "GANTRY_RELEASE", COMMIT, "GANTRY_COLOUR", "blue"));
        assertThat(deployment.toString()).doesNotContain("s3cret-pw").contains("secrets [API_TOKEN, DB_PASSWORD]");
    }

    @Test
    void aReplicaIsRestartedAndLimitedAsRunRestartAndRunResourcesSay() {
        assertThat(AppContainers.supervision(ServiceConfig.parse("service: a\n", "gantry.yml").run()))
                .isEqualTo(new ContainerSpec.Supervision("unless-stopped", 0, 0));
        assertThat(AppContainers.supervision(ServiceConfig.parse("""
                service: a
                run:
                  restart: {condition: on-failure, max-attempts: 5}
                  resources: {memory: 128MiB, cpus: 1.5}
                """, "gantry.yml").run())).isEqualTo(new ContainerSpec.Supervision("on-failure:5", 128L << 20, 1_500_000_000L));
        assertThat(AppContainers.supervision(ServiceConfig.parse("service: a\nrun: {restart: {condition: on-failure}}\n",
                "gantry.yml").run()).restart()).isEqualTo("on-failure");
        assertThat(AppContainers.supervision(ServiceConfig.parse("service: a\nrun: {restart: {condition: none}}\n",
                "gantry.yml").run()).restart()).isEqualTo("no");
    }
}
