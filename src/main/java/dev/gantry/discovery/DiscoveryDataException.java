package dev.gantry.discovery;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** A discovery key holds a value that Gantry did not write and cannot read; the message names the key. */
public final class DiscoveryDataException extends GantryException {
    private final String key;

    DiscoveryDataException(String key, String backend, String reason) {
        super("The discovery key " + key + " (" + backend + ") holds a value Gantry cannot read: " + reason
                + ". Write a correct value there or delete the key (docs/discovery.md shows the format),"
                + " then try again.");
        this.key = key;
    }

    /** The key whose value is wrong. */
    public String key() {
        return key;
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
