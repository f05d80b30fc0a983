package dev.gantry.trigger;

import dev.gantry.config.ServiceConfig;
import dev.gantry.lock.Lease;
import dev.gantry.source.Release;
import dev.gantry.stage.RunListener;
import dev.gantry.stage.Stage;
import dev.gantry.store.StageState;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Turns what the pipeline tells about a run into the run's {@link Progress}: a line for the start,
 * warnings and lock waits, an event per stage, and each line of a stage's output as it is written
 * (secrets masked by the stage's log). The pipeline's own masked listener calls it.
 */
final class ProgressRecorder implements RunListener {
    private final QueuedRun run;

    ProgressRecorder(QueuedRun run) {
        this.run = run;
    }

    @Override
    public void waitingForLock(Lease holder) {
        run.publish(new Progress.Line("", "waiting for the lock on " + holder.service() + ": held by "
                + holder.describe()));
    }

    @Override
    public void runStarted(long runId, ServiceConfig config, Release release) {
        run.recorded(runId);
        run.publish(new Progress.Line("", "run " + runId + ": " + config.service() + " at " + release.shortCommit()
                + " \"" + release.title() + "\""));
    }

    @Override
    public void stageStarted(Stage stage) {
        run.publish(Progress.StageEvent.started(stage.word()));
    }

    @Override
    public void warning(String message) {
        run.publish(new Progress.Line("", "warning: " + message));
    }

    @Override
    public void stageOutput(Stage stage, String line) {
        run.publish(new Progress.Line(stage.word(), line));
    }

    @Override
    public void stageFinished(Stage stage, StageState state, Duration took, Path log) {
        if (state == StageState.FAILED) {
            run.stageFailed(stage.word());
        }
        run.publish(new Progress.StageEvent(stage.word(), state.word(), took.toMillis()));
    }
}
