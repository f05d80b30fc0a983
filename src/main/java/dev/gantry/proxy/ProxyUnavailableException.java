package dev.gantry.proxy;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The proxy cannot be started or reached at all; the message says how to fix that. */
public final class ProxyUnavailableException extends GantryException {
    public ProxyUnavailableException(String message) {
        super(message);
    }

    public ProxyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
