package dev.gantry.store;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The store cannot be opened, migrated, read or written. */
public final class StoreException extends GantryException {
    StoreException(String what, String url, Throwable cause) {
        super(what + " the store at " + url + " failed: " + cause.getMessage()
                + ". Check that GANTRY_HOME is writable and the disk is not full, or set GANTRY_STORE.", cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
