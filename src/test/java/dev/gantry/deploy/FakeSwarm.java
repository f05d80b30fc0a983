package dev.gantry.deploy;

import dev.gantry.engine.Engine;
import dev.gantry.engine.LogRead;
import dev.gantry.engine.ServiceDefinition;
import dev.gantry.engine.ServiceState;
import dev.gantry.engine.Swarm;
import dev.gantry.engine.SwarmNode;
import dev.gantry.engine.SwarmTask;
import dev.gantry.engine.TimedLine;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Swarm of three ready nodes in memory, as its manager answers: a created service gets one running task
 * per replica, spread over the nodes, each with a node port from 30001 up; or, when told, tasks that fail
 * with {@link #failTasksWith}. It keeps the definitions it was given and the services it removed.
 */
final class FakeSwarm implements Swarm {
    static final List<SwarmNode> NODES = List.of(
            new SwarmNode("id-node1", "node1", "10.214.0.11", "ready", "active", true),
            new SwarmNode("id-node2", "node2", "10.214.0.12", "ready", "active", false),
            new SwarmNode("id-node3", "node3", "10.214.0.13", "ready", "active", false));

    final Map<String, ServiceState> services = new LinkedHashMap<>();
    final Map<String, ServiceDefinition> created = new LinkedHashMap<>();
    final List<String> removed = new ArrayList<>();
    private final Map<String, List<SwarmTask>> tasks = new LinkedHashMap<>();
    private String taskError;
    private int nextPort = 30001;

    /** Tasks of services created from now on fail with {@code error}, as a node that cannot pull the image says. */
    void failTasksWith(String error) {
        taskError = error;
    }

    /** A task of the service {@code serviceId} that is no longer running: {@code state} as Swarm says it. */
    void ended(String serviceId, String taskId, String state, String desiredState) {
        List<SwarmTask> now = new ArrayList<>(tasks.get(serviceId));
        now.add(new SwarmTask(taskId, serviceId, 1, NODES.get(1).id(), state, desiredState, "ended", "", Optional.empty(),
                Optional.of(137), "2026-12-04T00:01:00"));
        tasks.put(serviceId, now);
    }

    /** A service that is already there, as someone (or an earlier run) left it. */
    void existing(String name, Map<String, String> labels) {
        services.put("id-" + name, new ServiceState("id-" + name, name, "reg/old:1", labels, 1));
        tasks.put("id-" + name, List.of());
    }

    /** An engine that is this Swarm's manager, at {@code unix:///fake/manager.sock}; nothing else is asked of it. */
    Engine manager() {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "swarm" -> this;
                    case "address" -> "unix:///fake/manager.sock";
                    default -> throw new UnsupportedOperationException("the fake manager does not " + method.getName());
                });
    }

    @Override
    public Role role() {
        return Role.MANAGER;
    }

    @Override
    public List<SwarmNode> nodes() {
        return NODES;
    }

    @Override
    public String createService(ServiceDefinition definition) {
        String id = "id-" + definition.name();
        services.put(id, new ServiceState(id, definition.name(), definition.image(), definition.labels(), definition.replicas()));
        created.put(id, definition);
        List<SwarmTask> made = new ArrayList<>();
        for (int slot = 1; slot <= definition.replicas(); slot++) {
            String node = NODES.get((slot - 1) % NODES.size()).id();
            made.add(taskError == null
                    ? new SwarmTask("task-" + slot, id, slot, node, "running", "running", "started", "",
                            Optional.of(nextPort++), Optional.empty(), "2026-12-04T00:00:0" + slot)
                    : new SwarmTask("task-" + slot, id, slot, node, "rejected", "shutdown", "preparing", taskError,
                            Optional.empty(), Optional.empty(), "2026-12-04T00:00:0" + slot));
        }
        tasks.put(id, made);
        return id;
    }

    @Override
    public Optional<ServiceState> service(String idOrName) {
        return services.values().stream().filter(s -> s.id().equals(idOrName) || s.name().equals(idOrName)).findFirst();
    }

    @Override
    public List<ServiceState> services(Map<String, String> labels) {
        return services.values().stream().filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    @Override
    public List<SwarmTask> tasks(String serviceId) {
        return tasks.getOrDefault(serviceId, List.of());
    }

    @Override
    public void removeService(String idOrName) {
        service(idOrName).ifPresent(s -> {
            services.remove(s.id());
            tasks.remove(s.id());
            removed.add(s.name());
        });
    }

    /** The service wants {@code replicas}: slots beyond them end, missing ones start running on the next node. */
    @Override
    public void scaleService(String id, int replicas) {
        ServiceState was = services.get(id);
        services.put(id, new ServiceState(id, was.name(), was.image(), was.labels(), replicas));
        List<SwarmTask> now = new ArrayList<>();
        for (SwarmTask task : tasks.get(id)) {
            now.add(task.slot() > replicas && task.running() ? new SwarmTask(task.id(), id, task.slot(), task.nodeId(),
                    "shutdown", "shutdown", "shutdown", "", Optional.empty(), Optional.empty(), task.createdAt()) : task);
        }
        for (int slot = 1; slot <= replicas; slot++) {
            int wanted = slot;
            if (now.stream().noneMatch(task -> task.slot() == wanted && task.running())) {
                now.add(new SwarmTask("task-" + slot + "-" + now.size(), id, slot, NODES.get((slot - 1) % NODES.size()).id(),
                        "running", "running", "started", "", Optional.of(nextPort++), Optional.empty(), "2026-12-04T00:02:00"));
            }
        }
        tasks.put(id, now);
    }

    @Override
    public List<String> logs(String serviceId, int lines) {
        return List.of("Exception in thread \"main\" java.lang.IllegalStateException: no config");
    }

    @Override
    public boolean readTaskLogs(String taskId, LogRead read, Consumer<TimedLine> lines) {
        lines.accept(new TimedLine(Instant.EPOCH, taskId + " listening on 8080"));
        return true;
    }
}
