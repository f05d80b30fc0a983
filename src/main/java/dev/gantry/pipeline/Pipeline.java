package dev.gantry.pipeline;

import dev.gantry.GantryException;
import dev.gantry.config.Installation;
import dev.gantry.config.ServiceConfig;
import dev.gantry.engine.Engine;
import dev.gantry.image.Registry;
import dev.gantry.store.NewRun;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The flow of DESIGN.md, stage by stage: checkout → test → build → push. The production image is
 * built while the tests run (on the same engine) and is discarded if they fail.
 */
public final class Pipeline {
    private final Engine engine;
    private final Registry registry;
    private final Store store;
    private final Installation installation;
    private final RunListener listener;

    /** A pipeline building on {@code engine}, pushing to {@code registry}, recording in {@code store}. */
    public Pipeline(Engine engine, Registry registry, Store store, Installation installation, RunListener listener) {
        this.engine = engine;
        this.registry = registry;
        this.store = store;
        this.installation = installation;
        this.listener = listener;
    }

    /** Runs the flow for the release of {@code source}; throws what failed, after recording it. */
    public RunOutcome run(ServiceSource source, ServiceConfig config, String trigger) {
        long started = System.nanoTime();
        Release release = source.release();
        long runId = store.runs().start(new NewRun(config.service(), release.commit(), release.title(),
                release.dirty(), trigger));
        Path workspace = installation.workspaces().resolve(config.service() + "-" + runId);
        RunContext run = RunContext.of(runId, source, config, workspace, registry.address());
        var stages = new StageRunner(store, listener, installation.logs().resolve(config.service()));
        listener.runStarted(runId, config, release);
        try {
            stages.run(runId, Stage.CHECKOUT, log -> new CheckoutCommit().run(source, workspace, log));
            testWhileBuilding(run, stages);
            stages.run(runId, Stage.PUSH, log -> new PushImage(engine, registry).app(run, log));
            store.runs().finish(runId, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
            return new RunOutcome(runId, release, run.appImage(), run.testImage(), Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            Optional<String> stage = e instanceof StageFailedException f ? Optional.of(f.stage().word()) : Optional.empty();
            store.runs().finish(runId, RunState.FAILED, stage, Optional.of(String.valueOf(e.getMessage())));
            throw e;
        } finally {
            deleteWorkspace(workspace);
        }
    }

    /**
     * The test stage, and the build stage as soon as the test image is built: the production image
     * then reuses the layers the two Dockerfiles share, and is built while the tests run.
     */
    private void testWhileBuilding(RunContext run, StageRunner stages) {
        var build = new BuildImage(engine);
        var tests = new RunTests(engine, build, new PushImage(engine, registry));
        var testImageBuilt = new CompletableFuture<Void>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var tested = CompletableFuture.runAsync(() -> stages.run(run.runId(), Stage.TEST,
                            log -> tests.run(run, log, () -> testImageBuilt.complete(null))), threads)
                    .whenComplete((passed, failed) -> testImageBuilt.cancel(false));
            var built = testImageBuilt.thenRunAsync(() -> stages.run(run.runId(), Stage.BUILD,
                    log -> build.app(run, log)), threads);
            RuntimeException testFailure = failure(tested);
            RuntimeException buildFailure = failure(built);
            if (testFailure != null) {
                engine.removeImage(run.appImage().toString());
                throw testFailure;
            }
            if (buildFailure != null) {
                throw buildFailure;
            }
        }
    }

    private static RuntimeException failure(CompletableFuture<Void> stage) {
        try {
            stage.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() instanceof RuntimeException cause ? cause : e;
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    private static void deleteWorkspace(Path workspace) {
        if (!Files.exists(workspace)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(workspace)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new WorkspaceException(workspace, e);
        }
    }

    /** The workspace of a finished run could not be removed. */
    static final class WorkspaceException extends GantryException {
        WorkspaceException(Path workspace, IOException cause) {
            super("Removing the workspace " + workspace + " failed: " + cause.getMessage()
                    + ". Remove it by hand; it holds only a checkout.", cause);
        }

        @Override
        public dev.gantry.ExitCode exitCode() {
            return dev.gantry.ExitCode.ENVIRONMENT_UNUSABLE;
        }
    }
}
