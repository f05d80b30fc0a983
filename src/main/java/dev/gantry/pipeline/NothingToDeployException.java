package dev.gantry.pipeline;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** A deploy or rollback has nothing to work with: an unknown service, a missing image, no earlier release. */
public final class NothingToDeployException extends GantryException {
    NothingToDeployException(String message) {
        super(message);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.BAD_INPUT;
    }
}
