package dev.gantry.pipeline;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** A deploy names an image Gantry will not put live: another registry's, or one no run of the service tested. */
public final class ImageRefusedException extends GantryException {
    ImageRefusedException(String message) {
        super(message);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.BAD_INPUT;
    }
}
