package dev.gantry.engine;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** Docker answered but refused or failed an operation (a broken Dockerfile, a failed push …). */
public final class EngineException extends GantryException {
    private final String dockerMessage;

    /** Docker failed {@code operation} and said {@code dockerMessage}. */
    public EngineException(String operation, String dockerMessage) {
        super(operation + " failed: " + dockerMessage);
        this.dockerMessage = dockerMessage;
    }

    /** What Docker said, verbatim. */
    public String dockerMessage() {
        return dockerMessage;
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.RUN_FAILED;
    }
}
