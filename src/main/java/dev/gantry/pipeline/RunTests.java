package dev.gantry.pipeline;

import dev.gantry.engine.ContainerExit;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineException;

/**
 * The test stage: builds the test image, runs it with {@code TEST_TYPE=pre-deployment}, and pushes
 * it once the tests pass, so the later phases run the very same image.
 */
final class RunTests {
    private final Engine engine;
    private final BuildImage build;
    private final PushImage push;

    RunTests(Engine engine, BuildImage build, PushImage push) {
        this.engine = engine;
        this.build = build;
        this.push = push;
    }

    /** Runs the stage; {@code testImageBuilt} is told as soon as the test image exists. */
    void run(RunContext run, StageLog log, Runnable testImageBuilt) {
        build.tests(run, log);
        testImageBuilt.run();
        ContainerSpec spec = TestContainers.preDeployment(run);
        log.line("running " + spec.name() + " with TEST_TYPE=" + spec.env().get("TEST_TYPE"));
        ContainerExit exit;
        try {
            exit = engine.runToCompletion(spec, run.config().tests().preDeployment().timeout(), log);
        } catch (EngineException e) {
            throw new StageFailedException(Stage.TEST, "the test container could not run: " + e.getMessage(), log.tail());
        }
        if (!exit.succeeded()) {
            throw new StageFailedException(Stage.TEST, "the pre-deployment tests failed: the test container "
                    + exit.describe(), log.tail());
        }
        push.push(Stage.TEST, run.testImage(), log);
    }
}
