package dev.gantry.ui;

import java.util.List;

/**
 * A run's page: what it is ({@code heading}: "run 12" or "queued request q7"), of which service and kind, where it is,
 * who started it, its commit and title, when and how long; the boxes of its flow; why it failed, with the last lines of
 * the stage that failed (empty if it did not); each stage's log (its last lines); and where its live updates come
 * from (null once it is over, or when this server does not run it); where its Cancel form posts (null unless it is a
 * request still queued and the session may deploy).
 */
public record RunView(Frame frame, String heading, String service, String serviceHref, String kind, String state,
                      String trigger, String commit, String title, String started, String took, List<Box> boxes,
                      String failure, String failureLines, List<StageLog> logs, String eventsHref, String cancelHref,
                      int keepLines) {

    /**
     * The log of one stage: its last {@code lines}, {@code note} saying how many were left out (else empty), and its
     * logs page ({@code href}), which has more of it.
     */
    public record StageLog(String stage, String state, String note, String lines, String href) {
    }
}
