package dev.gantry.trigger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One subscriber's copy of a run's progress: the events so far, then the new ones as they come. A
 * slow reader (an SSE client on a slow network) waits on its own feed and never holds the run up;
 * its backlog is bounded like the run's own ({@link EventBuffer}): past the bound it misses the
 * oldest lines and is told how many.
 */
public final class ProgressFeed implements AutoCloseable {
    private final EventBuffer events;
    private final Consumer<ProgressFeed> onClose;

    ProgressFeed(List<Progress> sofar, int maxLines, long maxBytes, Consumer<ProgressFeed> onClose) {
        this.events = new EventBuffer(maxLines, maxBytes);
        sofar.forEach(events::add);
        this.onClose = onClose;
    }

    synchronized void offer(Progress event) {
        events.add(event);
        notifyAll();
    }

    /** The next event, waiting at most {@code timeout}; empty if none came. */
    public synchronized Optional<Progress> next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return Optional.of(events.poll());
    }

    /** Stops hearing the run. */
    @Override
    public void close() {
        onClose.accept(this);
    }
}
