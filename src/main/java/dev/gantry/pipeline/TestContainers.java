package dev.gantry.pipeline;

import dev.gantry.config.TestPhase;
import dev.gantry.engine.ContainerSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the test containers of DESIGN.md ("Test containers") as data. */
final class TestContainers {
    static final String PRE_DEPLOYMENT = "pre-deployment";

    private TestContainers() {
    }

    /** The pre-deployment test container: the test image with {@code TEST_TYPE=pre-deployment}. */
    static ContainerSpec preDeployment(RunContext run) {
        TestPhase phase = run.config().tests().preDeployment();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TEST_TYPE", PRE_DEPLOYMENT);
        env.put("GANTRY_SERVICE", run.config().service());
        env.put("GANTRY_RELEASE", run.release().commit());
        env.putAll(phase.env());
        String name = run.config().service() + "-" + PRE_DEPLOYMENT + "-" + run.runId();
        return ContainerSpec.of(run.testImage().toString(), name)
                .withCommand(phase.command()).withEnv(env).withLabels(Labels.testContainer(run));
    }
}
