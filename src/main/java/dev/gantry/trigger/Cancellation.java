package dev.gantry.trigger;

import java.util.Optional;

/**
 * What {@link RunQueue#cancel} did with a request: cancelled it, or refused because it already runs or is over, or
 * knew no request of that id; {@code run} is the request (empty when unknown).
 */
public record Cancellation(Outcome outcome, Optional<QueuedRun> run) {
    /** How a cancel ended. */
    public enum Outcome {
        /** It was still queued: it left the queue and will not run. */
        CANCELLED,
        /** It runs already: a run is not stopped halfway (its undo would have to put production back). */
        RUNNING,
        /** It had ended already: done, superseded or cancelled. */
        OVER,
        /** The queue knows no request of that id. */
        UNKNOWN
    }

    /**
     * Why the request was not cancelled, for people, naming it as {@code name} (like "q7"); empty when it was
     * cancelled.
     */
    public String refusal(String name) {
        return switch (outcome) {
            case CANCELLED -> "";
            case RUNNING -> "The queued request " + name + " is running already, so it cannot be cancelled: Gantry does"
                    + " not stop a run halfway. Wait for it to end; if its release should not stay live, roll it back.";
            case OVER -> "The queued request " + name + " has ended already (" + run.orElseThrow().state().word()
                    + "), so there is nothing to cancel.";
            case UNKNOWN -> "The run queue knows no request " + name + ": it may have ended long ago (the queue keeps"
                    + " the last 100 that ended). See the queue at GET /api/v1/queue.";
        };
    }
}
