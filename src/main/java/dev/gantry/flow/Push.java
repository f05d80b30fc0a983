package dev.gantry.flow;

import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineException;
import dev.gantry.image.ImageReference;
import dev.gantry.image.Registry;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageFailedException;
import dev.gantry.stage.StageLog;
import java.time.Duration;

/** The push stage: the test image, then the production image, each within {@code deadlines/push}. */
final class Push implements Step {

    @Override
    public Stage stage() {
        return Stage.PUSH;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        Duration deadline = run.config().deadlines().of(Stage.PUSH.word());
        push(run.cdEngine(), run.registry(), run.testImage(), deadline, log);
        push(run.cdEngine(), run.registry(), run.appImage(), deadline, log);
    }

    /**
     * Pushes {@code image}; a registry that stopped answering is an environment problem (exit 3),
     * anything else a failed stage.
     */
    private static void push(Engine engine, Registry registry, ImageReference image, Duration deadline, StageLog log) {
        try {
            engine.push(image.toString(), deadline, log);
            log.line("pushed " + image);
        } catch (EngineException e) {
            registry.ping();
            throw new StageFailedException(Stage.PUSH, "docker push of " + image + " failed: " + e.dockerMessage(),
                    log.tail());
        }
    }
}
