package dev.gantry.source;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;

/**
 * A commit Gantry will not check out: an entry whose name could leave the workspace, or more than the
 * installation's limits allow. Nothing was written; the commit must change.
 */
public final class UnsafeCommitException extends GantryException {
    /** A commit refused for {@code message}, which says what to do. */
    public UnsafeCommitException(String message) {
        super(message);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.BAD_INPUT;
    }
}
