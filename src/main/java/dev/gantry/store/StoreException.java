package dev.gantry.store;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import java.util.regex.Pattern;

/** The store cannot be opened, migrated, read or written. */
public final class StoreException extends GantryException {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s)]*");

    StoreException(String what, String url, Throwable cause) {
        super(masked(what + " the store at " + url + " failed: " + cause.getMessage() + ". " + hint(url)), cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }

    /** {@code text} with the value of every {@code password=} in it masked, so that it can be shown. */
    static String masked(String text) {
        return PASSWORD.matcher(text).replaceAll("$1***");
    }

    private static String hint(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return "Check that the PostgreSQL server in GANTRY_STORE answers and that its user, password and database"
                    + " are right (docs/installation-config.md)";
        }
        return "Check that GANTRY_HOME is writable and the disk is not full, or set GANTRY_STORE";
    }
}
