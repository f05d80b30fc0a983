package dev.gantry.store;

/** Where a run is: still going, or how it ended. */
public enum RunState {
    RUNNING, SUCCEEDED, FAILED;

    /** The lower-case word shown to people and stored. */
    public String word() {
        return name().toLowerCase();
    }
}
