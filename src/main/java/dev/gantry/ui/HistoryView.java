package dev.gantry.ui;

import java.util.List;

/**
 * A service's page: its branch, what is live ({@code live} null when nothing is), the deploy lock if one is held, the
 * newest runs, and the actions the session may take: the link to the rollback's confirmation (null if it may not roll
 * back, or nothing is live) and the form that releases the lock (null unless it is admin and a lock is held); and
 * the link to its audit log.
 */
public record HistoryView(Frame frame, String service, String branch, String live, String lock, List<RunRow> runs,
                          String rollbackHref, String lockReleaseHref, String auditHref) {

    /**
     * A run: its page, id, kind, result, who or what started it, commit and title, when and how long; the link to deploy
     * its release again (null unless the session may deploy and the run's image is deployable and not live).
     */
    public record RunRow(String href, long id, String kind, String result, String trigger, String commit, String title,
                         String started, String took, String redeployHref) {
    }
}
