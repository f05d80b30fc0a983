package dev.gantry.notify;

/** What a run left in production. */
public enum ProductionState {
    /** The run's release is live. */
    UPDATED("the new release is live"),
    /** The run failed before it changed production. */
    UNCHANGED("production is unchanged"),
    /** The run failed after it changed production, and every change was undone. */
    RESTORED("production was restored"),
    /** Undoing the failed run's changes failed too: production needs a person. */
    NOT_RESTORED("production was NOT restored and needs a person");

    private final String sentence;

    ProductionState(String sentence) {
        this.sentence = sentence;
    }

    /** The word used in the JSON body: updated, unchanged, restored, not-restored. */
    public String word() {
        return name().toLowerCase().replace('_', '-');
    }

    /** The state as a clause of a sentence: "production was restored". */
    public String sentence() {
        return sentence;
    }
}
