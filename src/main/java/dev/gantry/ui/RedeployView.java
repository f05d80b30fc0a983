package dev.gantry.ui;

/**
 * The confirmation of a deploy again: what is live now, the tested release that would go live (its run, commit, title,
 * image, and when its run tested it), and the form that queues it ({@code action}, posting {@code runId}); or, when
 * that run cannot be deployed, why ({@code refusal}, and no form).
 */
public record RedeployView(Frame frame, String service, String serviceHref, String liveNow, long runId, String runHref,
                           String commit, String title, String image, String tested, String action, String refusal) {
}
