package dev.gantry.trigger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One subscriber's copy of a run's progress: the events so far, then the new ones as they come. A
 * slow reader (an SSE client on a slow network) waits on its own feed and never holds the run up.
 */
public final class ProgressFeed implements AutoCloseable {
    private final LinkedBlockingQueue<Progress> events;
    private final Consumer<ProgressFeed> onClose;

    ProgressFeed(List<Progress> sofar, Consumer<ProgressFeed> onClose) {
        this.events = new LinkedBlockingQueue<>(sofar);
        this.onClose = onClose;
    }

    void offer(Progress event) {
        events.add(event);
    }

    /** The next event, waiting at most {@code timeout}; empty if none came. */
    public Optional<Progress> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** Stops hearing the run. */
    @Override
    public void close() {
        onClose.accept(this);
    }
}
