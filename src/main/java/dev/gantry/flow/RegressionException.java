package dev.gantry.flow;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The analysis after the switch found the new release worse than its limits and the release it replaced. */
public final class RegressionException extends GantryException {

    RegressionException(String message) {
        super(message);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.RUN_FAILED;
    }
}
