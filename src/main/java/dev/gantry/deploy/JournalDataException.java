package dev.gantry.deploy;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.store.JournalEntry;

/** A journal entry that this Gantry cannot read back: written by another version, or edited by hand. */
public final class JournalDataException extends GantryException {
    JournalDataException(JournalEntry entry, Exception cause) {
        super("The journal entry " + entry.seq() + " of run " + entry.runId() + " (" + entry.description()
                + ") cannot be read back, so it cannot be undone: " + cause.getMessage() + ". Check that production"
                + " is as it should be (`gantry status " + entry.service() + "`) and take the change back by hand.",
                cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
