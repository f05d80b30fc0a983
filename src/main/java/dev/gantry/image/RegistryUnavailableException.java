package dev.gantry.image;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The image registry does not answer; the message says how to fix that. */
public final class RegistryUnavailableException extends GantryException {
    private final String registry;

    RegistryUnavailableException(String registry, String url, String reason) {
        super("Cannot reach the image registry at " + registry + " (GET " + url + ": " + reason + "). Start it"
                + " (bin/env-up starts one on 127.0.0.1:5000) or set GANTRY_REGISTRY to a registry that answers.");
        this.registry = registry;
    }

    /** The registry address that was tried. */
    public String registry() {
        return registry;
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
