package dev.gantry.trigger;

/** What a queued request does: the whole flow for a commit, a deploy of a pushed image, a rollback, or a scale. */
public enum RunKind {
    RUN, DEPLOY, ROLLBACK, SCALE;

    /** The lower-case word shown and stored: "run", "deploy", "rollback", "scale". */
    public String word() {
        return name().toLowerCase();
    }
}
