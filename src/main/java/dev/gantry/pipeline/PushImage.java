package dev.gantry.pipeline;

import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineException;
import dev.gantry.image.ImageReference;
import dev.gantry.image.Registry;
import java.time.Duration;

/** Pushes an image of the release to the registry. */
final class PushImage {
    private final Engine engine;
    private final Registry registry;

    PushImage(Engine engine, Registry registry) {
        this.engine = engine;
        this.registry = registry;
    }

    /** The push stage: the test image, then the production image, each within {@code deadlines/push}. */
    void run(RunContext run, StageLog log) {
        Duration deadline = run.config().deadlines().of(Stage.PUSH.word());
        push(Stage.PUSH, run.testImage(), deadline, log);
        push(Stage.PUSH, run.appImage(), deadline, log);
    }

    /**
     * Pushes {@code image}; a registry that stopped answering is an environment problem (exit 3),
     * anything else a failed stage.
     */
    void push(Stage stage, ImageReference image, Duration deadline, StageLog log) {
        try {
            engine.push(image.toString(), deadline, log);
            log.line("pushed " + image);
        } catch (EngineException e) {
            registry.ping();
            throw new StageFailedException(stage, "docker push of " + image + " failed: " + e.dockerMessage(),
                    log.tail());
        }
    }
}
