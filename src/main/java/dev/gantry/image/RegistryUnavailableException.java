package dev.gantry.image;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/** The image registry does not answer; the message says how to fix that. */
public final class RegistryUnavailableException extends GantryException {
    private final String registry;

    RegistryUnavailableException(String registry, String url, String reason) {
        this(registry, "Cannot reach the image registry at " + registry + " (GET " + url + ": " + reason + "). Start it"
                + " (bin/env-up starts one on 127.0.0.1:5000) or set GANTRY_REGISTRY to a registry that answers.");
    }

    private RegistryUnavailableException(String registry, String message) {
        super(message);
        this.registry = registry;
    }

    /** The registry answered 401: Gantry's credentials are wrong, or it has none and the registry wants some. */
    static RegistryUnavailableException refused(String registry, String url, boolean hadLogin) {
        String why = hadLogin
                ? "it refused the user name and password in registry-username and registry-password"
                        + " (GANTRY_REGISTRY_USERNAME, GANTRY_REGISTRY_PASSWORD); check them"
                : "it asks for credentials and Gantry has none; set registry-username and registry-password"
                        + " (GANTRY_REGISTRY_USERNAME, GANTRY_REGISTRY_PASSWORD)";
        return new RegistryUnavailableException(registry, "The image registry at " + registry + " answered 401 to "
                + url + ": " + why + ". bin/env-up writes the lab registry's to .env/gantry.env.");
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
