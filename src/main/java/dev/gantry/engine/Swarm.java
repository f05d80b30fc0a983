package dev.gantry.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Swarm an engine belongs to, through that engine's API (docs/swarm.md): what part the engine
 * plays, its nodes, and the services and tasks it runs. Only a manager answers the calls past
 * {@link #role()}; Gantry's production engine on a Swarm is a manager.
 */
public interface Swarm {

    /** The part this engine plays in a Swarm. */
    enum Role {
        /** Not in a Swarm: a single engine. */
        NONE,
        /** A worker: it runs tasks but cannot be asked to schedule them. */
        WORKER,
        /** A manager: services are created and listed through it. */
        MANAGER
    }

    /** This engine's part in a Swarm (from {@code docker info}). */
    Role role();

    /** Every node of the Swarm. */
    List<SwarmNode> nodes();

    /** Creates a service, its image pulled by the nodes with the registry's login; returns its id. */
    String createService(ServiceDefinition definition);

    /** A service by id or name; empty if there is none. */
    Optional<ServiceState> service(String idOrName);

    /** Every service that carries all of {@code labels}. */
    List<ServiceState> services(Map<String, String> labels);

    /** The tasks of a service, current and past (Swarm keeps a few of each slot's history). */
    List<SwarmTask> tasks(String serviceId);

    /** Removes a service and its tasks; an absent one is not an error. */
    void removeService(String idOrName);

    /** Has the service run {@code replicas} tasks; Swarm starts or stops tasks of its choosing to get there. */
    void scaleService(String id, int replicas);

    /** The last {@code lines} lines of a service's output (all of its tasks), oldest first. */
    List<String> logs(String serviceId, int lines);

    /**
     * A task's output with Docker's times, line by line to {@code lines}, as {@code read} says (gantry logs); answers
     * whether it was read to its end (false: the deadline passed first).
     */
    boolean readTaskLogs(String taskId, LogRead read, Consumer<TimedLine> lines);
}
