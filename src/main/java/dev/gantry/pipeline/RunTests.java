package dev.gantry.pipeline;

import dev.gantry.engine.Engine;

/**
 * The test stage: builds the test image and runs it with {@code TEST_TYPE=pre-deployment}. The
 * push stage pushes it with the production image, so a failed run pushes nothing.
 */
final class RunTests {
    private final Engine engine;
    private final BuildImage build;

    RunTests(Engine engine, BuildImage build) {
        this.engine = engine;
        this.build = build;
    }

    /** Runs the stage; {@code testImageBuilt} is told as soon as the test image exists. */
    void run(RunContext run, StageLog log, Runnable testImageBuilt) {
        build.tests(run, log);
        testImageBuilt.run();
        new TestContainerRun(engine).run(Stage.TEST, TestContainers.preDeployment(run.deployment()),
                run.config().tests().preDeployment().timeout(), log);
    }
}
