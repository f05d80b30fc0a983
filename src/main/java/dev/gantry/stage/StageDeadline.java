package dev.gantry.stage;

import dev.gantry.Reason;
import dev.gantry.config.Durations;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A stage's deadline (docs/design.md, "The flow": every stage has a deadline, nothing waits forever): the stage's
 * work runs on a thread of its own, and past the deadline that thread is interrupted and the stage
 * fails, whatever the work was waiting for.
 */
record StageDeadline(Stage stage, Duration limit, Duration grace) {

    /** Why a stage failed when it ran out of time, with the key that sets its deadline. */
    String reason() {
        return "passed its deadline of " + Durations.format(limit) + " (deadlines/" + stage.word() + " in gantry.yml)";
    }

    /**
     * Runs {@code work} within the deadline and rethrows what it throws, as it threw it. Past the
     * deadline: interrupts it, gives it {@code grace} to end, and throws a {@link StageFailedException}.
     */
    void run(Runnable work, StageLog log) {
        var task = new FutureTask<Void>(work, null);
        Thread thread = Thread.ofVirtual().name("gantry-" + stage.word()).start(task);
        try {
            task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (TimeoutException e) {
            log.line("the " + stage.word() + " stage " + reason() + "; stopping it");
            stop(thread, log);
            throw new StageFailedException(stage, reason(), log.tail());
        } catch (InterruptedException e) {
            stop(thread, log);
            Thread.currentThread().interrupt();
            throw new StageFailedException(stage, "was interrupted before it finished (Gantry is stopping)", log.tail());
        }
    }

    private void stop(Thread thread, StageLog log) {
        thread.interrupt();
        boolean ended;
        try {
            ended = thread.join(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            log.line("the " + stage.word() + " stage's work did not stop within " + Durations.format(grace)
                    + " of being interrupted; Gantry goes on without it");
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof RuntimeException e) {
            return e;
        }
        return new IllegalStateException("the stage's work failed: " + Reason.of(failure), failure);
    }
}
