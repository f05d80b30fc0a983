package dev.gantry.pipeline;

import dev.gantry.deploy.Labels;
import dev.gantry.config.BuildSpec;
import dev.gantry.engine.BuildRequest;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds one image of the release from the workspace: the production image or the test image. */
final class BuildImage {
    private final Engine engine;

    BuildImage(Engine engine) {
        this.engine = engine;
    }

    /** The production image, as {@code build:} in gantry.yml says. */
    void app(RunContext run, StageLog log) {
        BuildSpec build = run.config().build();
        Path context = run.workspace().resolve(build.context()).normalize();
        build(Stage.BUILD, new BuildRequest(context, context.resolve(build.dockerfile()).normalize(), build.args(),
                List.of(run.appImage().toString()), Labels.image(run.deployment())), buildDeadline(run), log);
    }

    /** The test image, built from {@code tests/dockerfile} with the service directory as context. */
    void tests(RunContext run, StageLog log) {
        Path dockerfile = run.workspace().resolve(run.config().tests().dockerfile()).normalize();
        Map<String, String> labels = Labels.test(run.deployment());
        build(Stage.TEST, new BuildRequest(run.workspace(), dockerfile, run.config().build().args(),
                List.of(run.testImage().toString()), labels), buildDeadline(run), log);
    }

    private static Duration buildDeadline(RunContext run) {
        return run.config().deadlines().of(Stage.BUILD.word());
    }

    /** Builds within {@code deadlines/build}, the test image too (its build runs inside the test stage). */
    private void build(Stage stage, BuildRequest request, Duration deadline, StageLog log) {
        if (!request.dockerfile().toFile().isFile()) {
            Path relative = request.context().relativize(request.dockerfile());
            throw new StageFailedException(stage, "there is no " + relative + " in the commit; add it or set its"
                    + " path in gantry.yml", log.tail());
        }
        try {
            String id = engine.build(request, deadline, log);
            log.line("built " + request.tags().getFirst() + " (" + id + ")");
        } catch (EngineException e) {
            throw new StageFailedException(stage, "docker build of " + request.tags().getFirst() + " failed: "
                    + e.dockerMessage(), log.tail());
        }
    }
}
