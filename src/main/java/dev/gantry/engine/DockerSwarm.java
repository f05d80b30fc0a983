package dev.gantry.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link Swarm} over the Docker Engine API of one engine (docker-java). */
final class DockerSwarm implements Swarm {
    private final DockerClient docker;
    private final DockerCalls calls;
    private final RegistryAuth auth;
    private final int lineMax;
    private final ContainerLog containerLog;

    DockerSwarm(DockerClient docker, DockerCalls calls, RegistryAuth auth, int lineMax, ContainerLog containerLog) {
        this.docker = docker;
        this.calls = calls;
        this.auth = auth;
        this.lineMax = lineMax;
        this.containerLog = containerLog;
    }

    @Override
    public Role role() {
        var swarm = calls.call("Reading the engine's Swarm state", () -> docker.infoCmd().exec()).getSwarm();
        if (swarm == null || swarm.getLocalNodeState() != LocalNodeState.ACTIVE) {
            return Role.NONE;
        }
        return Boolean.TRUE.equals(swarm.getControlAvailable()) ? Role.MANAGER : Role.WORKER;
    }

    @Override
    public List<SwarmNode> nodes() {
        return calls.call("Listing the Swarm's nodes", () -> docker.listSwarmNodesCmd().exec()).stream()
                .map(node -> new SwarmNode(node.getId(), node.getDescription().getHostname(),
                        Objects.toString(node.getStatus().getAddress(), ""),
                        lower(node.getStatus().getState()), lower(node.getSpec().getAvailability()),
                        node.getManagerStatus() != null))
                .toList();
    }

    @Override
    public String createService(ServiceDefinition definition) {
        var spec = new ServiceSpec()
                .withName(definition.name())
                .withLabels(definition.labels())
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(definition.replicas())))
                .withEndpointSpec(new EndpointSpec().withMode(EndpointResolutionMode.DNSRR).withPorts(List.of(
                        new PortConfig().withTargetPort(definition.port()).withPublishMode(PortConfig.PublishMode.host))))
                .withTaskTemplate(new TaskSpec()
                        .withContainerSpec(new ContainerSpec()
                                .withImage(definition.image())
                                .withLabels(definition.labels())
                                .withEnv(definition.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
                                .withStopGracePeriod(definition.stopGrace().toNanos()))
                        .withLogDriver(containerLog.taskDriver())
                        .withRestartPolicy(restart(definition.restart()))
                        .withResources(resources(definition))
                        .withPlacement(placement(definition)));
        return calls.call("Creating the Swarm service " + definition.name(), () -> docker.createServiceCmd(spec)
                .withAuthConfig(auth.forImage(definition.image())).exec()).getId();
    }

    @Override
    public Optional<ServiceState> service(String idOrName) {
        try {
            return Optional.of(state(calls.call("Inspecting the Swarm service " + idOrName,
                    () -> docker.inspectServiceCmd(idOrName).exec())));
        } catch (EngineException e) {
            if (absent(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ServiceState> services(Map<String, String> labels) {
        return calls.call("Listing the Swarm services labelled " + labels,
                () -> docker.listServicesCmd().withLabelFilter(labels).exec()).stream().map(DockerSwarm::state).toList();
    }

    @Override
    public List<SwarmTask> tasks(String serviceId) {
        return calls.call("Listing the tasks of the Swarm service " + serviceId,
                () -> docker.listTasksCmd().withServiceFilter(serviceId).exec()).stream().map(DockerSwarm::task).toList();
    }

    @Override
    public void removeService(String idOrName) {
        try {
            calls.cleanup("Removing the Swarm service " + idOrName, () -> docker.removeServiceCmd(idOrName).exec());
        } catch (EngineException e) {
            if (!absent(e)) {
                throw e;
            }
        }
    }

    @Override
    public void scaleService(String id, int replicas) {
        calls.run("Scaling the Swarm service " + id + " to " + replicas + " replica(s)", () -> {
            var service = docker.inspectServiceCmd(id).exec();
            var spec = service.getSpec();
            spec.getMode().getReplicated().withReplicas(replicas);
            docker.updateServiceCmd(id, spec).withVersion(service.getVersion().getIndex()).exec();
        });
    }

    @Override
    public List<String> logs(String serviceId, int lines) {
        return OutputTail.read(calls, "Reading the output of the Swarm service " + serviceId, lineMax,
                frames -> docker.logServiceCmd(serviceId).withStdout(true).withStderr(true).withTail(lines).exec(frames));
    }

    @Override
    public boolean readTaskLogs(String taskId, LogRead read, Consumer<TimedLine> lines) {
        return LogStream.read(calls, "Reading the output of the Swarm task " + taskId, lineMax, read, lines, frames -> {
            var command = docker.logTaskCmd(taskId).withStdout(true).withStderr(true).withTimestamps(true)
                    .withSince(read.sinceSeconds()).withFollow(read.follow());
            read.tail().ifPresent(command::withTail);
            command.exec(frames);
        });
    }

    private static ServiceRestartPolicy restart(ServiceDefinition.Restart restart) {
        var condition = switch (restart.condition()) {
            case "none" -> ServiceRestartCondition.NONE;
            case "on-failure" -> ServiceRestartCondition.ON_FAILURE;
            default -> ServiceRestartCondition.ANY;
        };
        return new ServiceRestartPolicy().withCondition(condition).withDelay(restart.delay().toNanos())
                .withMaxAttempts((long) restart.maxAttempts()).withWindow(restart.window().toNanos());
    }

    private static ResourceRequirements resources(ServiceDefinition definition) {
        var limits = new ResourceSpecs();
        if (definition.memoryBytes() > 0) {
            limits = limits.withMemoryBytes(definition.memoryBytes());
        }
        if (definition.nanoCpus() > 0) {
            limits = limits.withNanoCPUs(definition.nanoCpus());
        }
        return new ResourceRequirements().withLimits(limits);
    }

    private static ServicePlacement placement(ServiceDefinition definition) {
        var placement = new ServicePlacement().withConstraints(definition.constraints());
        return definition.maxPerNode() > 0 ? placement.withMaxReplicas(definition.maxPerNode()) : placement;
    }

    private static ServiceState state(Service service) {
        var spec = service.getSpec();
        var replicated = spec.getMode() == null ? null : spec.getMode().getReplicated();
        return new ServiceState(service.getId(), spec.getName(), spec.getTaskTemplate().getContainerSpec().getImage(),
                spec.getLabels() == null ? Map.of() : spec.getLabels(), replicated == null ? 0 : (int) replicated.getReplicas());
    }

    private static SwarmTask task(Task task) {
        var status = task.getStatus();
        var container = status.getContainerStatus();
        return new SwarmTask(task.getId(), task.getServiceId(), task.getSlot() == null ? 0 : task.getSlot(),
                Objects.toString(task.getNodeId(), ""), lower(status.getState()), lower(task.getDesiredState()),
                Objects.toString(status.getMessage(), ""), Objects.toString(status.getErr(), ""),
                publishedPort(task.getRawValues().get("Status")),
                Optional.ofNullable(container).map(c -> c.getExitCodeLong()).map(Long::intValue),
                Objects.toString(task.getCreatedAt(), ""));
    }

    /**
     * The node port of a task published in host mode: Status.PortStatus.Ports[0].PublishedPort, which
     * docker-java's model does not name, so it is read from the task's fields as the engine sent them.
     */
    private static Optional<Integer> publishedPort(Object status) {
        if (status instanceof Map<?, ?> statusFields && statusFields.get("PortStatus") instanceof Map<?, ?> portStatus
                && portStatus.get("Ports") instanceof List<?> ports) {
            for (Object port : ports) {
                if (port instanceof Map<?, ?> published && published.get("PublishedPort") instanceof Number number) {
                    return Optional.of(number.intValue());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean absent(EngineException e) {
        return e.dockerMessage().contains("not found") || e.dockerMessage().startsWith("Status 404");
    }

    private static String lower(Object value) {
        return value == null ? "" : value.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
