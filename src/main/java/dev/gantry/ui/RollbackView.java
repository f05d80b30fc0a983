package dev.gantry.ui;

/**
 * The confirmation of a rollback: what is live now, what would go live instead (its commit, title, image, and when it
 * went live before), and the form that queues it; or, when there is nothing to roll back to, why ({@code refusal},
 * and no form).
 */
public record RollbackView(Frame frame, String service, String serviceHref, String liveNow, String commit,
                           String title, String image, String wentLive, String action, String refusal) {
}
