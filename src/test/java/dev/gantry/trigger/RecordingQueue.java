package dev.gantry.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real run queue (two at once, no superseding) whose executor records each request instead of running it. */
public final class RecordingQueue implements AutoCloseable {
    private final List<RunRequest> executed = new CopyOnWriteArrayList<>();
    private final RunQueue queue = new RunQueue((request, listener) -> {
        executed.add(request);
        throw new IllegalStateException("recorded, not run");
    }, 2, false, QueueObserver.NONE);

    /** The queue to hand to the code under test. */
    public RunQueue queue() {
        return queue;
    }

    /** The requests the queue started so far, in the order it started them. */
    public List<RunRequest> executed() {
        return executed;
    }

    /** Waits until the queue started {@code count} requests and has nothing left; answers them. */
    public List<RunRequest> awaitExecuted(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> executed.size() >= count && queue.active().isEmpty());
        assertThat(executed).hasSize(count);
        return List.copyOf(executed);
    }

    @Override
    public void close() {
        queue.close();
    }
}
