package dev.gantry.testrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.TestInstallation;
import dev.gantry.config.ServiceConfig;
import dev.gantry.deploy.Deployment;
import dev.gantry.discovery.Colour;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.secret.SecretValues;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestContainersTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void thePreDeploymentContainerRunsTheTestImageWithTheContractEnvironmentAndLabels() {
        ServiceConfig config = ServiceConfig.parse("""
                service: books-ms
                tests:
                  pre-deployment:
                    env: {DB: memory, TEST_TYPE: smoke}
                    command: [java, -cp, /tests, Runner]
                """, "gantry.yml");
        var deployment = Deployment.ofCommit(TestInstallation.ID, 42, config, COMMIT, "127.0.0.1:5000");

        ContainerSpec spec = TestContainers.preDeployment(deployment);

        assertThat(spec).isEqualTo(new ContainerSpec(
                "127.0.0.1:5000/books-ms-test:" + COMMIT,
                "books-ms-pre-deployment-42-inst0001",
                List.of("java", "-cp", "/tests", "Runner"),
                Map.of("TEST_TYPE", "smoke", "GANTRY_SERVICE", "books-ms", "GANTRY_RELEASE", COMMIT, "DB", "memory"),
                Map.of("gantry.installation", "inst0001", "gantry.service", "books-ms", "gantry.release", COMMIT,
                        "gantry.run", "42", "gantry.role", "test"),
                Optional.empty(),
                List.of(),
                Map.of(),
                ContainerSpec.Supervision.NONE));
    }

    @Test
    void everyTestPhaseGetsTheSecretsWhichWinOverItsEnv() {
        ServiceConfig config = ServiceConfig.parse("""
                service: books-ms
                tests:
                  pre-integration: {env: {API_TOKEN: from-gantry-yml}}
                """, "gantry.yml");
        var deployment = Deployment.ofCommit(TestInstallation.ID, 42, config, COMMIT, "127.0.0.1:5000")
                .withSecrets(SecretValues.of(Map.of("API_TOKEN", "t0ken-value")));

        List<ContainerSpec> specs = List.of(TestContainers.preDeployment(deployment),
                TestContainers.integration(deployment, TestPhaseKind.PRE_INTEGRATION, "http://10.0.0.1:40000",
                        "books-net", Colour.GREEN),
                TestContainers.integration(deployment, TestPhaseKind.POST_INTEGRATION, "http://10.0.0.1:40001",
                        "books-net", Colour.GREEN));

        assertThat(specs).extracting(spec -> spec.env().get("API_TOKEN")).containsOnly("t0ken-value");
        assertThat(specs).extracting(spec -> spec.env().get("TEST_TYPE"))
                .containsExactly("pre-deployment", "pre-integration", "post-integration");
    }

    @Test
    void bothIntegrationPhasesGetAnOriginAndTheRoutesPathAndHostInTheSameShape() {
        ServiceConfig config = ServiceConfig.parse("""
                service: books-ms
                proxy: {path: /api/v1/books, host: Books.Example.com}
                """, "gantry.yml");
        var deployment = Deployment.ofCommit(TestInstallation.ID, 42, config, COMMIT, "127.0.0.1:5000");

        ContainerSpec pre = TestContainers.integration(deployment, TestPhaseKind.PRE_INTEGRATION,
                "http://10.0.0.1:40000", "books-ms-pre-integration-42-net", Colour.GREEN);
        ContainerSpec post = TestContainers.integration(deployment, TestPhaseKind.POST_INTEGRATION,
                "http://10.0.0.1:40001", "books-ms-post-integration-42-net", Colour.GREEN);

        assertThat(pre.env()).isEqualTo(Map.of("TEST_TYPE", "pre-integration", "GANTRY_SERVICE", "books-ms",
                "GANTRY_RELEASE", COMMIT, "TARGET_URL", "http://10.0.0.1:40000", "GANTRY_PROXY_PATH", "/api/v1/books",
                "TARGET_HOST", "books.example.com", "GANTRY_COLOUR", "green"));
        assertThat(post.env()).isEqualTo(Map.of("TEST_TYPE", "post-integration", "GANTRY_SERVICE", "books-ms",
                "GANTRY_RELEASE", COMMIT, "TARGET_URL", "http://10.0.0.1:40001", "GANTRY_PROXY_PATH", "/api/v1/books",
                "TARGET_HOST", "books.example.com", "GANTRY_COLOUR", "green"));
        assertThat(pre.network()).contains("books-ms-pre-integration-42-net");
        assertThat(post.network()).contains("books-ms-post-integration-42-net");
    }

    @Test
    void aServiceWithoutProxySettingsGetsItsDefaultPathAndNoHost() {
        ServiceConfig config = ServiceConfig.parse("service: tiny\n", "gantry.yml");
        var deployment = Deployment.ofCommit(TestInstallation.ID, 7, config, COMMIT, "127.0.0.1:5000");

        ContainerSpec post = TestContainers.integration(deployment, TestPhaseKind.POST_INTEGRATION,
                "http://10.0.0.1:40001", "tiny-net", Colour.BLUE);

        assertThat(post.env()).containsEntry("GANTRY_PROXY_PATH", "/tiny").doesNotContainKey("TARGET_HOST");
    }
}
