package dev.gantry.flow;

import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;
import dev.gantry.testrun.TestPhaseKind;

/** The post-integration stage: the test image with {@code TARGET_URL} the proxy, once traffic reaches the candidate. */
final class PostIntegration implements Step {

    @Override
    public Stage stage() {
        return Stage.POST_INTEGRATION;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        IntegrationTests.run(run, TestPhaseKind.POST_INTEGRATION, stage(),
                run.proxyOrigin(), log);
    }
}
