package dev.gantry.trigger;

import dev.gantry.config.ServiceConfig;
import dev.gantry.lock.Lease;
import dev.gantry.source.Release;
import dev.gantry.stage.RunListener;
import dev.gantry.stage.Stage;
import dev.gantry.store.StageState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Tells every event to each of several listeners, in order. Overrides every method of {@link RunListener}. */
final class FanOutListener implements RunListener {
    private final List<RunListener> listeners;

    FanOutListener(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void waitingForLock(Lease holder) {
        listeners.forEach(l -> l.waitingForLock(holder));
    }

    @Override
    public void runStarted(long runId, ServiceConfig config, Release release) {
        listeners.forEach(l -> l.runStarted(runId, config, release));
    }

    @Override
    public void stageStarted(Stage stage) {
        listeners.forEach(l -> l.stageStarted(stage));
    }

    @Override
    public void stageOutput(Stage stage, String line) {
        listeners.forEach(l -> l.stageOutput(stage, line));
    }

    @Override
    public void warning(String message) {
        listeners.forEach(l -> l.warning(message));
    }

    @Override
    public void stageFinished(Stage stage, StageState state, Duration took, Path log) {
        listeners.forEach(l -> l.stageFinished(stage, state, took, log));
    }
}
