package dev.gantry.cli;

import dev.gantry.Reason;
import dev.gantry.Wait;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for work started in the background and rethrows its failure as it was thrown. */
final class Background {
    private Background() {
    }

    static <T> T await(Future<T> work) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("background work failed: " + Reason.of(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Wait.Interrupted("background work");
        }
    }
}
