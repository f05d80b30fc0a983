package dev.gantry.notify;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** One attempt to deliver a notification failed; the message says why. Never reaches the CLI: runs go on. */
final class DeliveryException extends GantryException {
    DeliveryException(String message) {
        super(message);
    }

    DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
