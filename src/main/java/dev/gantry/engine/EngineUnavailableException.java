package dev.gantry.engine;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The Docker engine cannot be reached or used at all; the message says how to fix that. */
public final class EngineUnavailableException extends GantryException {
    private final String address;
    private final String reason;

    EngineUnavailableException(String address, String reason) {
        super("Cannot reach the Docker engine at " + address + ": " + reason + ". Start Docker (bin/env-up starts"
                + " one on this machine) or point DOCKER_HOST at a running engine, then try again.");
        this.address = address;
        this.reason = reason;
    }

    /** The engine address that was tried. */
    public String address() {
        return address;
    }

    /** Why it could not be reached, as the connection said it (e.g. "Connection refused"). */
    public String reason() {
        return reason;
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
