package dev.gantry;

/**
 * The one root of every error Gantry shows to a person. Subclasses say what the person must do;
 * the message says what was tried, on what, why it failed and how to fix it.
 */
public abstract class GantryException extends RuntimeException {
    protected GantryException(String message) {
        super(message);
    }

    protected GantryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The exit code the CLI ends with when this error reaches it. */
    public abstract ExitCode exitCode();
}
