package dev.gantry.flow;

import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;
import dev.gantry.testrun.TestContainerRun;
import dev.gantry.testrun.TestContainers;

/**
 * The test stage: builds the test image and runs it with {@code TEST_TYPE=pre-deployment}, on the CD
 * engine. It tells the run as soon as the test image exists, so that the build can start beside it
 * ({@link TestWhileBuilding}). The push stage pushes the test image with the production image, so a
 * failed run pushes nothing.
 */
final class Test implements Step {

    @Override
    public Stage stage() {
        return Stage.TEST;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        new BuildImage(run.cdEngine()).tests(run, log);
        run.testImageBuilt().complete(null);
        new TestContainerRun(run.cdEngine()).run(Stage.TEST, TestContainers.preDeployment(run.deployment()),
                run.config().tests().preDeployment().timeout(), log);
    }
}
