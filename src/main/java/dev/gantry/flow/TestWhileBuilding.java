package dev.gantry.flow;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The test step, and the build step as soon as the test image is built: the production image then
 * reuses the layers the two Dockerfiles share, and is built while the tests run. If the tests fail,
 * the production image built meanwhile is removed; if they fail before the test image exists, the
 * build never starts.
 */
record TestWhileBuilding(Test test, Build build) implements Part {

    /** Runs both steps with {@code steps}, each on a thread of its own; throws the tests' failure first. */
    void run(FlowRun run, Consumer<Step> steps) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var tested = CompletableFuture.runAsync(() -> steps.accept(test), threads)
                    .whenComplete((passed, failed) -> run.testImageBuilt().cancel(false));
            var built = run.testImageBuilt().thenRunAsync(() -> steps.accept(build), threads);
            RuntimeException testFailure = failure(tested);
            RuntimeException buildFailure = failure(built);
            if (testFailure != null) {
                run.cdEngine().removeImage(run.appImage().toString());
                throw testFailure;
            }
            if (buildFailure != null) {
                throw buildFailure;
            }
        }
    }

    private static RuntimeException failure(CompletableFuture<Void> step) {
        try {
            step.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() instanceof RuntimeException cause ? cause : e;
        } catch (CancellationException e) {
            return e;
        }
    }
}
