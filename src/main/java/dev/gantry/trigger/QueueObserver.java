package dev.gantry.trigger;

import dev.gantry.stage.RunListener;

/** Hears what the queue does with each run: for metrics. Called from the queue's threads. */
public interface QueueObserver {
    /** Hears nothing. */
    QueueObserver NONE = new QueueObserver() {
    };

    /** A listener that hears {@code run} as it runs, besides the queue's own. */
    default RunListener listenerFor(QueuedRun run) {
        return RunListener.SILENT;
    }

    /** {@code run} has ended: done, superseded or cancelled. */
    default void ended(QueuedRun run) {
    }
}
