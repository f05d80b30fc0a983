package dev.gantry.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Swarm service to create, as data: {@code replicas} tasks of {@code image}, each publishing
 * {@code port} on a port of its node chosen by Docker (host mode; this kernel has no routing mesh,
 * docs/swarm.md), with DNS round-robin endpoints, restarted and limited as the service's gantry.yml says.
 *
 * @param memoryBytes each task's memory limit, 0 for none
 * @param nanoCpus each task's CPU limit in billionths of a CPU, 0 for none
 * @param constraints Swarm placement constraints, e.g. {@code node.role==worker}
 * @param maxPerNode the most tasks of the service on one node, 0 for no bound
 */
public record ServiceDefinition(String name, String image, Map<String, String> env, Map<String, String> labels,
                                int replicas, int port, Restart restart, long memoryBytes, long nanoCpus,
                                List<String> constraints, int maxPerNode, Duration stopGrace) {
    public ServiceDefinition {
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        constraints = List.copyOf(constraints);
    }

    /**
     * When Swarm restarts a task that ended: {@code condition} is {@code any}, {@code on-failure} or
     * {@code none}; {@code maxAttempts} 0 for no bound, counted within {@code window}.
     */
    public record Restart(String condition, Duration delay, int maxAttempts, Duration window) {
    }
}
