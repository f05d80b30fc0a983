package dev.gantry.secret;

import dev.gantry.Reason;
import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A failure whose message (or a cause's) held a secret, said again with the secret masked: same exit
 * code, same stack trace, causes copied with masked messages. What the person sees instead of it.
 */
public final class MaskedException extends GantryException {
    private final ExitCode exitCode;

    private MaskedException(String message, ExitCode exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static MaskedException of(RuntimeException failure, SecretMask mask) {
        boolean known = failure instanceof GantryException;
        String message = mask.apply(String.valueOf(failure.getMessage()));
        var masked = new MaskedException(known ? message : "unexpected failure: " + mask.apply(Reason.of(failure)),
                known ? ((GantryException) failure).exitCode() : ExitCode.RUN_FAILED, cause(failure.getCause(), mask));
        masked.setStackTrace(failure.getStackTrace());
        return masked;
    }

    /** Whether {@code failure}, its causes or what they suppressed say anything the mask would change. */
    static boolean reveals(Throwable failure, SecretMask mask) {
        return reveals(failure, mask, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean reveals(Throwable failure, SecretMask mask, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return false;
        }
        String message = failure.getMessage();
        if (message != null && !message.equals(mask.apply(message))) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (reveals(suppressed, mask, seen)) {
                return true;
            }
        }
        return reveals(failure.getCause(), mask, seen);
    }

    private static Throwable cause(Throwable cause, SecretMask mask) {
        if (cause == null) {
            return null;
        }
        var copy = new Cause(cause.getClass().getName() + ": " + mask.apply(String.valueOf(cause.getMessage())),
                cause.getCause() == cause ? null : cause(cause.getCause(), mask));
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }

    @Override
    public ExitCode exitCode() {
        return exitCode;
    }

    /** A cause said again: prints as the original class and its masked message. */
    private static final class Cause extends RuntimeException {
        Cause(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
