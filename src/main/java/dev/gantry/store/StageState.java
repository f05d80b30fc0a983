package dev.gantry.store;

/** Where a stage of a run is. */
public enum StageState {
    RUNNING, PASSED, FAILED, CANCELLED;

    /** The lower-case word shown to people and stored. */
    public String word() {
        return name().toLowerCase();
    }
}
