package dev.gantry.trigger;

/** What a queued request does: the whole flow for a commit, a deploy of a pushed image, or a rollback. */
public enum RunKind {
    RUN, DEPLOY, ROLLBACK;

    /** The lower-case word shown and stored: "run", "deploy", "rollback". */
    public String word() {
        return name().toLowerCase();
    }
}
