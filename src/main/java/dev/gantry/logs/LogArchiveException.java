package dev.gantry.logs;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The collected logs' file cannot be opened, read or written; the services are not touched by it. */
public final class LogArchiveException extends GantryException {
    LogArchiveException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
