package dev.gantry.engine;

/**
 * One node of a Swarm as its manager sees it. {@code address} is where the node's published ports are
 * reached; {@code state} is Swarm's ({@code ready}, {@code down}, {@code unknown}, {@code disconnected});
 * {@code availability} is {@code active}, {@code pause} or {@code drain}.
 */
public record SwarmNode(String id, String hostname, String address, String state, String availability, boolean manager) {

    /** Whether Swarm places new tasks on this node. */
    public boolean takesWork() {
        return state.equals("ready") && availability.equals("active");
    }
}
