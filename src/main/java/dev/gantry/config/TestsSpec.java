package dev.gantry.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The test image and its three phases: {@code tests} in gantry.yml. The same image serves every
 * phase; the container's TEST_TYPE says which.
 *
 * @param dockerfile the test image's Dockerfile, relative to the service directory
 */
public record TestsSpec(String dockerfile, TestPhase preDeployment, TestPhase preIntegration, TestPhase postIntegration) {
    static final List<String> KEYS = List.of("dockerfile", "pre-deployment", "pre-integration", "post-integration");
    static final Duration PRE_DEPLOYMENT_TIMEOUT = Duration.ofMinutes(10);
    static final Duration INTEGRATION_TIMEOUT = Duration.ofMinutes(5);

    /** Checks for nulls. */
    public TestsSpec {
        Objects.requireNonNull(dockerfile, "dockerfile");
        Objects.requireNonNull(preDeployment, "preDeployment");
        Objects.requireNonNull(preIntegration, "preIntegration");
        Objects.requireNonNull(postIntegration, "postIntegration");
    }

    static TestsSpec read(YamlMap tests) {
        return new TestsSpec(
                tests.get("dockerfile", Names.RELATIVE_PATH, "Dockerfile.test"),
                TestPhase.read(tests.section("pre-deployment", TestPhase.KEYS), PRE_DEPLOYMENT_TIMEOUT),
                TestPhase.read(tests.section("pre-integration", TestPhase.KEYS), INTEGRATION_TIMEOUT),
                TestPhase.read(tests.section("post-integration", TestPhase.KEYS), INTEGRATION_TIMEOUT));
    }
}
