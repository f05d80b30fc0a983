package dev.gantry.secret;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import java.nio.file.Path;

/**
 * The secrets key cannot be used: missing, unsafe, unreadable, or not the key the secrets were
 * sealed with. Names the file and the secret, never a value.
 */
public final class SecretKeyException extends GantryException {
    private final Path keyFile;

    SecretKeyException(Path keyFile, String message) {
        super(message);
        this.keyFile = keyFile;
    }

    SecretKeyException(Path keyFile, String message, Throwable cause) {
        super(message, cause);
        this.keyFile = keyFile;
    }

    /** The key file at fault. */
    public Path keyFile() {
        return keyFile;
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
