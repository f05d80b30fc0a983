package dev.gantry.trigger;

import dev.gantry.pipeline.RunOutcome;
import dev.gantry.stage.RunListener;
import java.util.Optional;

/** Carries out one request of the queue, reporting to {@code listener}; throws what failed. */
@FunctionalInterface
public interface RunExecutor {
    /** Runs {@code request} to its end; empty when nothing needed to change (a scale to the number that runs). */
    Optional<RunOutcome> execute(RunRequest request, RunListener listener);
}
