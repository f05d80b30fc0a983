package dev.gantry.secret;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** A secret command was given a bad name, service or value; nothing was stored. Never holds the value. */
public final class SecretInputException extends GantryException {
    /** A bad input, said so that the person knows what to give instead. */
    public SecretInputException(String message) {
        super(message);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.BAD_INPUT;
    }
}
