package dev.gantry.pipeline;

import dev.gantry.flow.Recovery;
import dev.gantry.lock.DeployLocks;
import dev.gantry.lock.HeldLock;
import dev.gantry.stage.RunListener;
import dev.gantry.store.Store;
import java.time.Duration;
import java.util.function.Function;

/**
 * The lock a run, deploy or rollback holds on its service from before its run is recorded until it
 * has ended (docs/locks.md): one at a time per service, waiting at most {@code wait} for it.
 */
final class RunLock {
    private final DeployLocks locks;
    private final Duration wait;
    private final RunListener listener;
    private final Recovery recovery;

    RunLock(Store store, Duration wait, RunListener listener, Recovery recovery) {
        this.locks = new DeployLocks(store);
        this.wait = wait;
        this.listener = listener;
        this.recovery = recovery;
    }

    /**
     * Does {@code work} holding the lock on {@code service}, taken for {@code message}; first
     * recovers what an earlier run of the service left unfinished (its process died).
     */
    <T> T holding(String service, String message, Function<HeldLock, T> work) {
        try (HeldLock lock = locks.acquire(service, message, wait, listener::waitingForLock)) {
            try {
                recovery.recover(service);
                return work.apply(lock);
            } finally {
                if (lock.lost()) {
                    listener.warning("the lock on " + service + " was released by hand or taken over while this run"
                            + " held it, so another run may have changed " + service + " at the same time; check"
                            + " `gantry status " + service + "` and `gantry history " + service + "`");
                }
            }
        }
    }
}
