package dev.gantry.ui;

import java.util.List;

/**
 * The audit log: the filters as asked (shown again in the form), the changes that match, newest first, and
 * {@code note} saying why the list is empty or cut, or that a filter was wrong (null when there is nothing to say).
 */
public record AuditView(Frame frame, Filters filters, List<Row> rows, String note) {

    /** What the form asked for; an empty field filters nothing. */
    public record Filters(String service, String run, String result, String text) {
    }

    /**
     * A change or an undo, as {@code gantry audit} prints it: when, the service (and its page), the run (and its page),
     * the release's short commit, who or what did it, its result and what changed; secrets masked, text printable.
     */
    public record Row(String time, String service, String serviceHref, long run, String runHref, String release,
                      String by, String result, String change) {
    }
}
