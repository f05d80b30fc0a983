package dev.gantry.trigger;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The run queue holds as many waiting requests as it may ({@code server-max-queued-runs}); this one was not queued. */
public final class QueueFullException extends GantryException {
    QueueFullException(int limit, RunRequest request) {
        super("The run queue is full: " + limit + " requests wait already (server-max-queued-runs), so the "
                + request.describe() + " of " + request.service() + " was not queued. Try again once the queue"
                + " has shrunk (GET /api/v1/queue), or raise server-max-queued-runs in config.yml.");
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
