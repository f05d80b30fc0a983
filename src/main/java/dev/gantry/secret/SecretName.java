package dev.gantry.secret;

import dev.gantry.config.ServiceName;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which secret: its service (gantry.yml's rule) and its name, which becomes an environment variable
 * of the service's containers and so must be one, and must not be one Gantry sets itself.
 */
public record SecretName(String service, String name) {
    private static final Pattern VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]{0,63}");
    // GANTRY_PROXY_PATH is covered by the GANTRY_ prefix
    private static final Set<String> GANTRYS_OWN = Set.of("TEST_TYPE", "TARGET_URL", "TARGET_HOST");

    /** Checks both parts; a bad one is a {@link SecretInputException} (exit 2). */
    public static SecretName of(String service, String name) {
        checkService(service);
        if (name == null || !VARIABLE.matcher(name).matches()) {
            throw new SecretInputException("The secret name " + quoted(name) + " is not an environment variable"
                    + " name: use 1 to 64 uppercase letters, digits and '_', not starting with a digit"
                    + " (like DB_PASSWORD).");
        }
        if (name.startsWith("GANTRY_") || GANTRYS_OWN.contains(name)) {
            throw new SecretInputException("The secret name " + name + " is one Gantry sets itself in the service's"
                    + " containers (GANTRY_* like GANTRY_PROXY_PATH, TEST_TYPE, TARGET_URL, TARGET_HOST); choose another name.");
        }
        return new SecretName(service, name);
    }

    /** Checks a SERVICE argument against gantry.yml's rule for {@code service:}. */
    public static String checkService(String service) {
        if (!ServiceName.isValid(service)) {
            throw new SecretInputException("The service " + quoted(service) + " is not a service name: it should be "
                    + ServiceName.rule() + ", as in its gantry.yml.");
        }
        return service;
    }

    /**
     * The associated data the value is sealed with: a ciphertext opens only as the secret it was
     * sealed for, so a row copied to another service or name fails to open.
     */
    byte[] associatedData() {
        return ("gantry-secret\0" + service + "\0" + name).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "secret " + name + " of " + service;
    }

    private static String quoted(String text) {
        return text == null ? "(none)" : "'" + text + "'";
    }
}
