package dev.gantry.source;

/** What a run deploys: one commit of the service's repository. */
public record Release(String commit, String title, boolean dirty) {

    /** The first 12 characters of the commit, for people. */
    public String shortCommit() {
        return commit.substring(0, Math.min(12, commit.length()));
    }
}
