package dev.gantry.proxy;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The proxy refused a change (an invalid configuration, a failed apply); the old routing stays. */
public final class ProxyException extends GantryException {
    public ProxyException(String message) {
        super(message);
    }

    public ProxyException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.RUN_FAILED;
    }
}
