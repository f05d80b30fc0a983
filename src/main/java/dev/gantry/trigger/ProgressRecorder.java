package dev.gantry.trigger;

import dev.gantry.config.ServiceConfig;
import dev.gantry.lock.Lease;
import dev.gantry.pipeline.Release;
import dev.gantry.pipeline.RunListener;
import dev.gantry.pipeline.Stage;
import dev.gantry.store.StageState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Turns what the pipeline tells about a run into the run's {@link Progress}: a line for the start,
 * warnings and lock waits, an event per stage, and each stage's output (its log, written with the
 * service's secrets masked) as the stage ends. The pipeline's own masked listener calls it.
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
        run.publish(new Progress.StageEvent(stage.word(), "started", 0));
    }

    @Override
    public void warning(String message) {
        run.publish(new Progress.Line("", "warning: " + message));
    }

    @Override
    public void stageFinished(Stage stage, StageState state, Duration took, Path log) {
        if (state == StageState.FAILED) {
            run.stageFailed(stage.word());
        }
        outputOf(log).forEach(line -> run.publish(new Progress.Line(stage.word(), line)));
        run.publish(new Progress.StageEvent(stage.word(), state.word(), took.toMillis()));
    }

    private static java.util.List<String> outputOf(Path log) {
        if (log == null || !Files.isRegularFile(log)) {
            return java.util.List.of();
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.toList();
        } catch (IOException | UncheckedIOException e) {
            return java.util.List.of("(its log " + log + " could not be read: " + e.getMessage() + ")");
        }
    }
}
