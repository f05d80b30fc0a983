package dev.gantry.engine;

import java.util.Optional;

/**
 * One task of a Swarm service: a replica in {@code slot} on {@code nodeId}. {@code state} is where the
 * task is ({@code running}, {@code failed}, {@code rejected}, {@code shutdown}, {@code preparing} …),
 * {@code desiredState} where Swarm wants it; {@code publishedPort} is the node's port of the service's
 * port (host-mode publishing), once the task runs; {@code error} is Swarm's reason when it failed.
 */
public record SwarmTask(String id, String serviceId, int slot, String nodeId, String state, String desiredState,
                        String message, String error, Optional<Integer> publishedPort, Optional<Integer> exitCode,
                        String createdAt) {

    /** Running, and Swarm wants it to run. */
    public boolean running() {
        return state.equals("running") && desiredState.equals("running");
    }

    /**
     * Ended in a way that is not a stop Swarm asked for: it failed (a non-zero exit, killed), was rejected, or exited by
     * itself ({@code complete}; once Swarm has started its replacement, its desired state is {@code shutdown} too). A
     * task Swarm stopped is {@code shutdown}; one whose node went away, {@code orphaned}.
     */
    public boolean failed() {
        return state.equals("failed") || state.equals("rejected") || state.equals("complete");
    }

    /** Why it is not running, in words, for a person. */
    public String describe() {
        String why = error.isBlank() ? message : error;
        return state + exitCode.map(code -> " (exit code " + code + ")").orElse("") + (why.isBlank() ? "" : ": " + why);
    }
}
