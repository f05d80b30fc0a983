package dev.gantry.flow;

import dev.gantry.config.BuildSpec;
import dev.gantry.deploy.Labels;
import dev.gantry.engine.BuildRequest;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineException;
import dev.gantry.source.ServicePaths;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageFailedException;
import dev.gantry.stage.StageLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Builds one image of the release from the workspace: the production image or the test image. The
 * context and the Dockerfile are taken by their real paths ({@link ServicePaths}): a symlink in the
 * commit never makes a build read outside the service directory.
 */
final class BuildImage {
    private static final String IGNORE_FILE = ".dockerignore";

    private final Engine engine;

    BuildImage(Engine engine) {
        this.engine = engine;
    }

    /** The production image, as {@code build:} in gantry.yml says. */
    void app(FlowRun run, StageLog log) {
        BuildSpec build = run.config().build();
        ServicePaths paths = ServicePaths.of(run.workspace());
        Path context = paths.directory("build/context", build.context());
        build(Stage.BUILD, new BuildRequest(context, dockerfile(paths, "build/dockerfile", build.dockerfile(), context,
                log, Stage.BUILD), build.args(), List.of(run.appImage().toString()), Labels.image(run.deployment())),
                buildDeadline(run), log);
    }

    /** The test image, built from {@code tests/dockerfile} with the service directory as context. */
    void tests(FlowRun run, StageLog log) {
        ServicePaths paths = ServicePaths.of(run.workspace());
        Path context = paths.directory("the service directory", ".");
        Path dockerfile = dockerfile(paths, "tests/dockerfile", run.config().tests().dockerfile(), context, log,
                Stage.TEST);
        Map<String, String> labels = Labels.test(run.deployment());
        build(Stage.TEST, new BuildRequest(context, dockerfile, run.config().build().args(),
                List.of(run.testImage().toString()), labels), buildDeadline(run), log);
    }

    /** The Dockerfile's real path, and the context's .dockerignore checked the same way (it is read too). */
    private static Path dockerfile(ServicePaths paths, String key, String relative, Path context, StageLog log,
                                   Stage stage) {
        paths.file(IGNORE_FILE, paths.root().relativize(context.resolve(IGNORE_FILE)).toString());
        return paths.file(key, relative).filter(file -> file.toFile().isFile())
                .orElseThrow(() -> new StageFailedException(stage, "there is no " + relative + " in the commit; add it"
                        + " or set its path in gantry.yml", log.tail()));
    }

    private static Duration buildDeadline(FlowRun run) {
        return run.config().deadlines().of(Stage.BUILD.word());
    }

    /** Builds within {@code deadlines/build}, the test image too (its build runs inside the test stage). */
    private void build(Stage stage, BuildRequest request, Duration deadline, StageLog log) {
        try {
            String id = engine.build(request, deadline, log);
            log.line("built " + request.tags().getFirst() + " (" + id + ")");
        } catch (EngineException e) {
            throw new StageFailedException(stage, "docker build of " + request.tags().getFirst() + " failed: "
                    + e.dockerMessage(), log.tail());
        }
    }
}
