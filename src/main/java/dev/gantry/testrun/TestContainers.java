package dev.gantry.testrun;

import dev.gantry.config.ProxySpec;
import dev.gantry.deploy.Deployment;
import dev.gantry.deploy.Labels;
import dev.gantry.discovery.Colour;
import dev.gantry.engine.ContainerSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the test containers of docs/design.md ("Test containers") as data. */
public final class TestContainers {

    private TestContainers() {
    }

    /** The pre-deployment test container: the test image with {@code TEST_TYPE=pre-deployment}. */
    public static ContainerSpec preDeployment(Deployment deployment) {
        return container(deployment, TestPhaseKind.PRE_DEPLOYMENT, new LinkedHashMap<>());
    }

    /**
     * An integration test container. Both phases get the same variables in the same shape, so one
     * test script serves both: {@code TARGET_URL} is an origin ({@code http://host:port}, the
     * candidate or the proxy), {@code GANTRY_PROXY_PATH} the route's path prefix (always set) and
     * {@code TARGET_HOST} the route's host when it has one. It runs on {@code network}, its own
     * {@link TestNetwork}, where {@code origin} is the relay to the target.
     */
    public static ContainerSpec integration(Deployment deployment, TestPhaseKind phase, String origin, String network,
                                     Colour colour) {
        ProxySpec route = deployment.config().proxy();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TARGET_URL", origin);
        env.put("GANTRY_PROXY_PATH", route.path());
        route.host().ifPresent(host -> env.put("TARGET_HOST", host));
        env.put("GANTRY_COLOUR", colour.word());
        return container(deployment, phase, env).withNetwork(network);
    }

    /** The test container's name, and its network's: run ids of two installations' stores coincide, so it ends with the installation. */
    public static String name(Deployment deployment, TestPhaseKind phase) {
        return deployment.service() + "-" + phase.word() + "-" + deployment.runId() + "-" + deployment.installation().value();
    }

    private static ContainerSpec container(Deployment deployment, TestPhaseKind phase, Map<String, String> extra) {
        var settings = phase.settings(deployment.config().tests());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TEST_TYPE", phase.word());
        env.put("GANTRY_SERVICE", deployment.service());
        env.put("GANTRY_RELEASE", deployment.release());
        env.putAll(extra);
        env.putAll(settings.env());
        env.putAll(deployment.secrets().asEnv()); // every test phase gets the secrets (docs/secrets.md)
        return ContainerSpec.of(deployment.testImage().toString(), name(deployment, phase))
                .withCommand(settings.command()).withEnv(env).withLabels(Labels.test(deployment));
    }
}
