package dev.gantry.deploy;

import dev.gantry.Wait;
import dev.gantry.config.RunSpec;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.Engine;
import dev.gantry.engine.LogSink;
import dev.gantry.engine.ServiceDefinition;
import dev.gantry.engine.ServiceState;
import dev.gantry.engine.Swarm;
import dev.gantry.engine.SwarmNode;
import dev.gantry.engine.SwarmTask;
import dev.gantry.fault.Failpoints;
import dev.gantry.store.InstallationId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Production on a Docker Swarm, through its manager (docs/swarm.md): each colour of a service is one
 * Swarm service {@code <service>-<colour>-<installation>} whose tasks publish the service's port on
 * their node (host mode), so each replica is reached at its node's address and that port. Swarm places
 * the tasks over the nodes and restarts them as {@code run/restart} says. A retired colour's service is
 * removed; a release comes back from its image in the registry.
 */
public final class SwarmServices implements Orchestrator {
    private static final Duration LOOK = Duration.ofMillis(250);
    /** Task states of a task whose container was started (docs.docker.com: swarm task states). */
    private static final Set<String> HAD_A_CONTAINER = Set.of("starting", "running", "complete", "failed", "shutdown");

    private final Engine manager;
    private final Swarm swarm;
    private final HealthCheck health;

    public SwarmServices(Engine manager, HealthCheck health) {
        this.manager = manager;
        this.swarm = manager.swarm();
        this.health = health;
    }

    @Override
    public String describe() {
        return "Docker Swarm through the manager at " + manager.address() + "; nodes: " + swarm.nodes().stream()
                .map(node -> node.hostname() + " " + node.state() + "/" + node.availability() + (node.manager() ? " (manager)" : ""))
                .collect(Collectors.joining(", "));
    }

    @Override
    public List<Instance> start(Deployment deployment, Colour candidate, RunJournal journal, LogSink log) {
        String name = serviceName(deployment, candidate);
        removeLeftover(deployment, candidate, name, journal, log);
        ServiceDefinition definition = definition(deployment, candidate, name);
        String id = journal.started(new Effect.ServiceCreated(name, definition.image(), null), () -> {
            Failpoints.reach("deploy.start-intended"); // journaled, not yet asked of Docker
            return swarm.createService(definition);
        });
        log.line("created the Swarm service " + name + " (" + definition.image() + ", " + definition.replicas()
                + " replica(s)) through " + manager.address());
        Failpoints.reach("deploy.replica-started");
        List<Instance> replicas = awaitRunning(deployment, id, name, Set.of(), log);
        new HealthGate(new TaskReplicas(id), health).await(replicas, deployment.config().run().health(), log);
        return replicas;
    }

    @Override
    public void stop(Deployment deployment, Colour old, RunJournal journal, LogSink log) {
        for (ServiceState service : swarm.services(Labels.selector(deployment.installation(), deployment.service(), old))) {
            journal.record(new Effect.ServiceRemoved(service.name()), () -> swarm.removeService(service.id()));
            log.line("removed the Swarm service " + service.name());
        }
    }

    /** Nothing is set aside on a Swarm, and the nodes' images are each node's own: Swarm's manager removes none. */
    @Override
    public void tidy(Deployment deployment, RunJournal journal, LogSink log) {
        log.line("the nodes keep the images they pulled (a Swarm manager removes no image from its nodes)");
    }

    /** The colour's service is told to run {@code replicas} tasks; all are awaited and health-gated. */
    @Override
    public List<Instance> addReplicas(Deployment deployment, Colour colour, int replicas, RunJournal journal, LogSink log) {
        ServiceState live = liveService(deployment, colour);
        Set<String> earlier = swarm.tasks(live.id()).stream().map(SwarmTask::id).collect(Collectors.toSet());
        scale(live, replicas, journal, log);
        List<Instance> running = awaitRunning(deployment, live.id(), live.name(), earlier, log);
        new HealthGate(new TaskReplicas(live.id()), health).await(running, deployment.config().run().health(), log);
        return running;
    }

    /** Swarm chooses the tasks it stops; the route keeper's look and the proxy's retries cover the moment. */
    @Override
    public List<Instance> surplus(InstallationId installation, String service, Colour colour, int replicas) {
        return List.of();
    }

    /**
     * The colour's service is told to run {@code replicas} tasks; answers its replicas once the tasks Swarm stops have
     * ended (their containers got {@code run/stop-grace} to finish what they were answering).
     */
    @Override
    public List<Instance> removeReplicas(Deployment deployment, Colour colour, int replicas, RunJournal journal, LogSink log) {
        ServiceState live = liveService(deployment, colour);
        scale(live, replicas, journal, log);
        Duration atMost = deployment.config().run().stopGrace().plus(deployment.config().run().health().timeout());
        var seen = Wait.forThe("the tasks of " + live.name() + " to stop", LOOK, atMost).until(
                () -> swarm.tasks(live.id()).stream().filter(task -> task.state().equals("running")).count(),
                left -> left <= replicas);
        if (!seen.met()) {
            throw new DeployFailedException(seen.last() + " tasks of " + live.name() + " still run " + atMost.toSeconds()
                    + " s after the Swarm was told to keep " + replicas, List.of());
        }
        return running(deployment.installation(), deployment.service(), colour);
    }

    private ServiceState liveService(Deployment deployment, Colour colour) {
        return swarm.services(Labels.selector(deployment.installation(), deployment.service(), colour)).stream()
                .findFirst().orElseThrow(() -> new DeployFailedException("the Swarm has no service of " + deployment.service()
                        + " " + colour.word() + " to scale", List.of()));
    }

    private void scale(ServiceState live, int replicas, RunJournal journal, LogSink log) {
        journal.record(new Effect.ServiceScaled(live.name(), live.id(), replicas, live.replicas()),
                () -> swarm.scaleService(live.id(), replicas));
        log.line("told the Swarm to run " + replicas + " task(s) of " + live.name() + " instead of " + live.replicas());
    }

    @Override
    public List<Instance> running(InstallationId installation, String service, Colour colour) {
        Map<String, SwarmNode> nodes = swarm.nodes().stream().collect(Collectors.toMap(SwarmNode::id, Function.identity()));
        List<Instance> replicas = new ArrayList<>();
        for (ServiceState found : swarm.services(Labels.selector(installation, service, colour))) {
            swarm.tasks(found.id()).stream()
                    .filter(task -> task.running() && task.publishedPort().isPresent() && nodes.containsKey(task.nodeId()))
                    .sorted(Comparator.comparingInt(SwarmTask::slot))
                    .forEach(task -> replicas.add(new Instance(nodes.get(task.nodeId()).address(), task.publishedPort().get(),
                            found.name() + "." + task.slot())));
        }
        return replicas;
    }

    /** The tasks that failed or exited by themselves (Swarm keeps a few per slot; the guard remembers what it saw). */
    @Override
    public Set<String> crashes(InstallationId installation, String service, Colour colour) {
        Set<String> crashes = new HashSet<>();
        for (ServiceState found : swarm.services(Labels.selector(installation, service, colour))) {
            swarm.tasks(found.id()).stream().filter(SwarmTask::failed).forEach(task -> crashes.add(task.id()));
        }
        return crashes;
    }

    @Override
    public String state(Instance replica) {
        var task = current(replica);
        String node = task.map(t -> nodeNames().getOrDefault(t.nodeId(), t.nodeId())).orElse("");
        return task.map(t -> (t.running() ? "running" : t.describe()) + " on " + node).orElse("task missing");
    }

    /** Each task of the service's colours that got as far as a container: running, ended, or shut down. */
    @Override
    public List<ReplicaOutput> outputs(InstallationId installation, String service) {
        Map<String, String> names = nodeNames();
        List<ReplicaOutput> outputs = new ArrayList<>();
        for (ServiceState found : swarm.services(Labels.service(installation, service))) {
            String colour = found.labels().get(Labels.COLOUR);
            if (colour == null) {
                continue;
            }
            for (SwarmTask task : swarm.tasks(found.id())) {
                if (HAD_A_CONTAINER.contains(task.state()) && !task.nodeId().isBlank()) {
                    outputs.add(new ReplicaOutput(task.id(), found.name() + "." + task.slot(),
                            Optional.of(names.getOrDefault(task.nodeId(), task.nodeId())), Colour.parse(colour),
                            found.labels().getOrDefault(Labels.RELEASE, ""), task.running(),
                            (read, lines) -> swarm.readTaskLogs(task.id(), read, lines)));
                }
            }
        }
        return outputs;
    }

    /** {@code books-ms-blue-k3x9a2bq}: like a container's name without the replica's number. */
    static String serviceName(Deployment deployment, Colour colour) {
        return deployment.service() + "-" + colour.word() + "-" + deployment.installation().value();
    }

    /**
     * A service left in the candidate colour (a cleanup that failed after an earlier release passed) is
     * not live and gets no traffic; it is removed, and journaled, before the new one takes its name.
     */
    private void removeLeftover(Deployment deployment, Colour candidate, String name, RunJournal journal, LogSink log) {
        for (ServiceState leftover : swarm.services(Labels.selector(deployment.installation(), deployment.service(), candidate))) {
            journal.record(new Effect.ServiceRemoved(leftover.name()), () -> swarm.removeService(leftover.id()));
            log.line("removed the Swarm service " + leftover.name() + ", left in the candidate colour by release "
                    + leftover.labels().getOrDefault(Labels.RELEASE, "?") + " (not live, not routed)");
        }
        if (swarm.service(name).isPresent()) {
            throw new DeployFailedException("a Swarm service named " + name + " exists and is not Gantry's (it lacks the "
                    + "labels of this installation's " + candidate.word() + " colour); remove or rename it", List.of());
        }
    }

    private static ServiceDefinition definition(Deployment deployment, Colour colour, String name) {
        RunSpec run = deployment.config().run();
        var restart = run.restart();
        return new ServiceDefinition(name, deployment.appImage().toString(), AppContainers.environment(deployment, colour),
                Labels.app(deployment, colour),
                run.replicas(), run.port(), new ServiceDefinition.Restart(restart.condition(), restart.delay(),
                restart.maxAttempts(), restart.window()),
                run.resources().memoryBytes().orElse(0L), run.resources().nanoCpus().orElse(0L),
                run.placement().constraints(), run.placement().maxPerNode(), run.stopGrace());
    }

    /**
     * Waits until every replica's task runs and has its node port; a task that fails first (its image
     * cannot be pulled, it exits) fails the deploy at once with Swarm's reason and the service's output. Tasks in
     * {@code earlier} (a scaled service's history) are not this deploy's and never fail it.
     */
    private List<Instance> awaitRunning(Deployment deployment, String id, String name, Set<String> earlier, LogSink log) {
        int wanted = deployment.config().run().replicas();
        Duration atMost = deployment.config().run().health().timeout();
        var seen = Wait.forThe("the tasks of " + name, LOOK, atMost).until(() -> {
            List<SwarmTask> tasks = swarm.tasks(id);
            tasks.stream().filter(t -> t.failed() && !earlier.contains(t.id())).findFirst().ifPresent(failed -> {
                throw new DeployFailedException("a task of " + name + " " + failed.describe(), swarm.logs(id, HealthGate.LOG_LINES));
            });
            return tasks.stream().filter(t -> t.running() && t.publishedPort().isPresent()).toList();
        }, running -> running.size() >= wanted);
        if (!seen.met()) {
            List<SwarmTask> tasks = swarm.tasks(id);
            throw new DeployFailedException(seen.last().size() + " of " + wanted + " tasks of " + name + " run after "
                    + atMost.toSeconds() + "s (run/health/timeout in gantry.yml); the others are: " + tasks.stream()
                    .filter(t -> !t.running()).map(SwarmTask::describe).distinct().toList(), swarm.logs(id, HealthGate.LOG_LINES));
        }
        Map<String, SwarmNode> nodes = swarm.nodes().stream().collect(Collectors.toMap(SwarmNode::id, Function.identity()));
        List<Instance> replicas = new ArrayList<>();
        for (SwarmTask task : seen.last().stream().sorted(Comparator.comparingInt(SwarmTask::slot)).toList()) {
            SwarmNode node = nodes.get(task.nodeId());
            if (node == null || node.address().isBlank()) {
                throw new DeployFailedException("the node " + task.nodeId() + " of a task of " + name + " has no address", List.of());
            }
            var replica = new Instance(node.address(), task.publishedPort().orElseThrow(), name + "." + task.slot());
            replicas.add(replica);
            log.line("started " + replica.container() + " on " + node.hostname() + " at " + node.address() + ":" + replica.port());
        }
        return replicas;
    }

    /** The task that now holds a replica's slot: the one Swarm wants running, newest first. */
    private Optional<SwarmTask> current(Instance replica) {
        int dot = replica.container().lastIndexOf('.');
        String name = replica.container().substring(0, Math.max(dot, 0));
        int slot = Integer.parseInt(replica.container().substring(dot + 1));
        return swarm.service(name).flatMap(service -> swarm.tasks(service.id()).stream()
                .filter(task -> task.slot() == slot)
                .max(Comparator.comparing((SwarmTask task) -> task.desiredState().equals("running"))
                        .thenComparing(SwarmTask::createdAt)));
    }

    private Map<String, String> nodeNames() {
        return swarm.nodes().stream().collect(Collectors.toMap(SwarmNode::id, SwarmNode::hostname));
    }

    /** The replicas of one service as the health gate sees them: a replica stops when its slot's task does. */
    private final class TaskReplicas implements ReplicaProbe {
        private final String serviceId;

        TaskReplicas(String serviceId) {
            this.serviceId = serviceId;
        }

        @Override
        public Optional<String> stopped(Instance replica) {
            var task = current(replica);
            if (task.isEmpty()) {
                return Optional.of("disappeared");
            }
            return task.get().running() ? Optional.empty() : Optional.of(task.get().describe());
        }

        @Override
        public List<String> logs(Instance replica, int lines) {
            return swarm.logs(serviceId, lines);
        }
    }
}
