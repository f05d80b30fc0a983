package dev.gantry.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.pipeline.RunOutcome;
import dev.gantry.stage.RunListener;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An executor whose runs hold their slot until the test lets them go ({@link #close}), so that the requests behind
 * them stay queued; each then ends needing no change.
 */
public final class HeldExecutor implements RunExecutor, AutoCloseable {
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch finish = new CountDownLatch(1);

    @Override
    public Optional<RunOutcome> execute(RunRequest request, RunListener listener) {
        started.countDown();
        try {
            finish.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** Waits until a run started (and holds its slot). */
    public void awaitStarted() throws InterruptedException {
        assertThat(started.await(10, TimeUnit.SECONDS)).as("a run started").isTrue();
    }

    /** Lets every run end. */
    @Override
    public void close() {
        finish.countDown();
    }
}
