package dev.gantry.store;

/**
 * Where a run is: still going, or how it ended. {@code NEEDS_ATTENTION}: it failed and what it
 * changed in production could not all be taken back; its message says what is left and what to do,
 * and nothing retries it on its own (docs/journal-recovery-locks.md).
 */
public enum RunState {
    RUNNING, SUCCEEDED, FAILED, NEEDS_ATTENTION;

    /** The lower-case word shown to people and stored: "needs-attention" … */
    public String word() {
        return name().toLowerCase().replace('_', '-');
    }

    static RunState parse(String word) {
        return valueOf(word.toUpperCase().replace('-', '_'));
    }
}
