package dev.gantry.git;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** A push that cannot be deployed as it is: what the pusher reads in a {@code remote:} line. */
final class PushException extends GantryException {
    PushException(String message) {
        super(message);
    }

    PushException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.BAD_INPUT;
    }
}
