package dev.gantry.ui;

import java.util.List;

/** The overview: a row per service the server knows, and the requests in the run queue. */
public record OverviewView(Frame frame, List<ServiceRow> services, List<QueueRow> queue) {

    /**
     * A service: its page; its live colour, release (short commit), commit title, how long ago it went live, and its
     * replicas (healthy of wanted, and their hosts; {@code belowWanted} when fewer answer than it should run) (all null
     * when nothing is live, {@code note} then says why if discovery did not answer); its last run: page, name, result
     * and how long it took (null without runs); its last hour of requests (null without request figures).
     */
    public record ServiceRow(String name, String href, String colour, String release, String title, String age,
                             String replicas, boolean belowWanted, String note, String lastHref, String lastRun,
                             String lastResult, String lastTook, Sparkline traffic) {
    }

    /**
     * A service's last hour of requests as a sparkline in a 118 × 24 box: the points of requests and of errors per
     * second (one scale), {@code label} the same in words (the SVG's title), {@code summary} the short text beside it.
     */
    public record Sparkline(String requests, String errors, String label, String summary) {
    }

    /**
     * A request queued or running: its page, service, what it does, where it is, who asked; where its Cancel form posts
     * (null unless it still waits and the session may deploy).
     */
    public record QueueRow(String href, String service, String what, String state, String trigger, String cancelHref) {
    }
}
