package dev.gantry.testrun;

import dev.gantry.config.TestPhase;
import dev.gantry.config.TestsSpec;

/** The three runs of the test image, with the {@code TEST_TYPE} each one gets. */
public enum TestPhaseKind {
    PRE_DEPLOYMENT, PRE_INTEGRATION, POST_INTEGRATION;

    /** The value of {@code TEST_TYPE}: "pre-deployment" … */
    String word() {
        return name().toLowerCase().replace('_', '-');
    }

    /** This phase's settings in gantry.yml. */
    public TestPhase settings(TestsSpec tests) {
        return switch (this) {
            case PRE_DEPLOYMENT -> tests.preDeployment();
            case PRE_INTEGRATION -> tests.preIntegration();
            case POST_INTEGRATION -> tests.postIntegration();
        };
    }
}
