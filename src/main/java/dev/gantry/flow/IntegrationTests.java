package dev.gantry.flow;

import dev.gantry.deploy.Labels;
import dev.gantry.fault.Failpoints;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;
import dev.gantry.testrun.TestContainerRun;
import dev.gantry.testrun.TestContainers;
import dev.gantry.testrun.TestNetwork;
import dev.gantry.testrun.TestPhaseKind;

/** What the two integration stages share: the test image, run on the CD engine in a network of its own. */
final class IntegrationTests {
    private IntegrationTests() {
    }

    /** Runs {@code phase}'s test container against {@code origin}, the candidate or the proxy. */
    static void run(FlowRun run, TestPhaseKind phase, Stage stage, String origin, StageLog log) {
        var deployment = run.deployment();
        var cdEngine = run.cdEngine();
        var settings = phase.settings(deployment.config().tests());
        cdEngine.pull(deployment.testImage().toString(), deployment.config().deadlines().of(stage.word()), log);
        try (var network = TestNetwork.open(cdEngine, TestContainers.name(deployment, phase),
                Labels.test(deployment), origin, log)) {
            Failpoints.reach(stage.word() + ".test-network"); // the network is there, its container not yet
            new TestContainerRun(cdEngine).run(stage, TestContainers.integration(deployment, phase,
                    network.targetUrl(), network.name(), run.candidate()), settings.timeout(), log);
        }
    }
}
