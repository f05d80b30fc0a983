package dev.gantry.flow;

import dev.gantry.discovery.Instance;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;
import dev.gantry.testrun.TestPhaseKind;

/** The pre-integration stage: the test image with {@code TARGET_URL} the candidate's first replica. */
final class PreIntegration implements Step {

    @Override
    public Stage stage() {
        return Stage.PRE_INTEGRATION;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        Instance first = run.instances().getFirst();
        IntegrationTests.run(run, TestPhaseKind.PRE_INTEGRATION, stage(), "http://" + first.host() + ":" + first.port(),
                log);
    }
}
