package dev.gantry.source;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The path given to a run is not a service inside a git work tree. */
public final class SourceException extends GantryException {
    SourceException(String message) {
        super(message);
    }

    SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.BAD_INPUT;
    }
}
