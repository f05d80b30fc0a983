package dev.gantry.stage;

import dev.gantry.config.ServiceConfig;
import dev.gantry.lock.Lease;
import dev.gantry.source.Release;
import dev.gantry.store.StageState;
import java.nio.file.Path;
import java.time.Duration;

/** Hears a run's progress as it happens, to show it live. Called from several threads. */
public interface RunListener {
    /** A listener that shows nothing. */
    RunListener SILENT = new RunListener() {
    };

    /** Another run holds the service's lock ({@code holder}); this one waits for it, before it is recorded. */
    default void waitingForLock(Lease holder) {
    }

    /** The run is recorded and about to start its first stage. */
    default void runStarted(long runId, ServiceConfig config, Release release) {
    }

    /** A stage has started. */
    default void stageStarted(Stage stage) {
    }

    /**
     * One line of a stage's output, as it is written to the stage's log: secrets masked, control
     * characters escaped. Stages can run side by side, so lines of two stages may interleave.
     */
    default void stageOutput(Stage stage, String line) {
    }

    /** Something a person should know that does not fail the run. */
    default void warning(String message) {
    }

    /** A stage has ended; its whole output is in {@code log}. */
    default void stageFinished(Stage stage, StageState state, Duration took, Path log) {
    }
}
