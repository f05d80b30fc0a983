package dev.gantry.server;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** A token, service or server command was given a bad or conflicting input; nothing was changed (exit 2). */
public final class ServerInputException extends GantryException {
    /** A bad input, said so that the person knows what to give instead. */
    public ServerInputException(String message) {
        super(message);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.BAD_INPUT;
    }
}
