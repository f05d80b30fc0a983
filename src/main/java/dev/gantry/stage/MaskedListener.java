package dev.gantry.stage;

import dev.gantry.config.ServiceConfig;
import dev.gantry.lock.Lease;
import dev.gantry.secret.SecretMask;
import dev.gantry.source.Release;
import dev.gantry.store.StageState;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A listener that hears a run with the service's secrets masked in what it is told. It must
 * override every method of {@link RunListener} (MaskedListenerTest checks), or events would be lost.
 */
public final class MaskedListener implements RunListener {
    private final RunListener listener;
    private final SecretMask mask;

    private MaskedListener(RunListener listener, SecretMask mask) {
        this.listener = listener;
        this.mask = mask;
    }

    /** {@code listener} hearing through {@code mask}; itself when there is nothing to mask. */
    public static RunListener of(RunListener listener, SecretMask mask) {
        return mask.isEmpty() ? listener : new MaskedListener(listener, mask);
    }

    @Override
    public void waitingForLock(Lease holder) {
        listener.waitingForLock(new Lease(holder.service(), holder.owner(), holder.runId(), mask.apply(holder.message()),
                holder.acquiredAt(), holder.expiresAt()));
    }

    @Override
    public void runStarted(long runId, ServiceConfig config, Release release) {
        listener.runStarted(runId, config, new Release(release.commit(), mask.apply(release.title()), release.dirty()));
    }

    @Override
    public void stageStarted(Stage stage) {
        listener.stageStarted(stage);
    }

    @Override
    public void stageOutput(Stage stage, String line) {
        listener.stageOutput(stage, line);  // StageLog masked it already
    }

    @Override
    public void warning(String message) {
        listener.warning(mask.apply(message));
    }

    @Override
    public void stageFinished(Stage stage, StageState state, Duration took, Path log) {
        listener.stageFinished(stage, state, took, log);
    }
}
