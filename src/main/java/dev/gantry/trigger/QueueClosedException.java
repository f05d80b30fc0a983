package dev.gantry.trigger;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The queue no longer takes runs: the server is stopping. */
public final class QueueClosedException extends GantryException {
    QueueClosedException() {
        super("The server is stopping and takes no new runs; submit it again once it has restarted.");
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
