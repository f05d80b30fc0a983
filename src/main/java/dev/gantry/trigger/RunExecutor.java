package dev.gantry.trigger;

import dev.gantry.pipeline.RunOutcome;
import dev.gantry.stage.RunListener;

/** Carries out one request of the queue, reporting to {@code listener}; throws what failed. */
@FunctionalInterface
public interface RunExecutor {
    /** Runs {@code request} to its end. */
    RunOutcome execute(RunRequest request, RunListener listener);
}
