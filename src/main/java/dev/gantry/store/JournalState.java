package dev.gantry.store;

/**
 * Where one effect of a run on production is: about to happen (or happened without word back),
 * done, taken back, or failed to be taken back (left for recovery or a person).
 */
public enum JournalState {
    INTENDED, DONE, UNDONE, UNDO_FAILED;

    /** The lower-case word stored and shown: "undo-failed" … */
    public String word() {
        return name().toLowerCase().replace('_', '-');
    }

    static JournalState parse(String word) {
        return valueOf(word.toUpperCase().replace('-', '_'));
    }

    /** True when the effect may be in production and has not been taken back. */
    public boolean pending() {
        return this != UNDONE;
    }
}
