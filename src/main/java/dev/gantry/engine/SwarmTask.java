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

    /** Ended in a way that is not a stop Swarm asked for: it failed, was rejected, or exited by itself. */
    public boolean failed() {
        return state.equals("failed") || state.equals("rejected") || state.equals("complete") && desiredState.equals("running");
    }

    /** Why it is not running, in words, for a person. */
    public String describe() {
        String why = error.isBlank() ? message : error;
        return state + exitCode.map(code -> " (exit code " + code + ")").orElse("") + (why.isBlank() ? "" : ": " + why);
    }
}
