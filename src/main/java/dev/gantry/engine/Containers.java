package dev.gantry.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Long-running containers: start, inspect, list by label, stop, remove. */
final class Containers {
    private final DockerClient docker;
    private final DockerCalls calls;
    private final int lineMax;
    private final ContainerLog containerLog;

    Containers(DockerClient docker, DockerCalls calls, int lineMax, ContainerLog containerLog) {
        this.docker = docker;
        this.calls = calls;
        this.lineMax = lineMax;
        this.containerLog = containerLog;
    }

    String start(ContainerSpec spec) {
        String id = ContainerCreation.create(docker, calls, spec, containerLog);
        try {
            calls.run("Starting container " + spec.name(), () -> docker.startContainerCmd(id).exec());
            return id;
        } catch (RuntimeException e) {
            remove(id);
            throw e;
        }
    }

    Optional<ContainerState> inspect(String idOrName) {
        try {
            return Optional.of(state(calls.call("Inspecting container " + idOrName,
                    () -> docker.inspectContainerCmd(idOrName).exec())));
        } catch (EngineException e) {
            if (e.dockerMessage().contains("No such container")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    List<ContainerState> list(Map<String, String> labels) {
        var found = calls.call("Listing containers labelled " + labels,
                () -> docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
        return found.stream().map(c -> inspect(c.getId())).flatMap(Optional::stream).toList();
    }

    void stop(String id, Duration grace) {
        try {
            calls.run("Stopping container " + id,
                    () -> docker.stopContainerCmd(id).withTimeout((int) Math.max(1, grace.toSeconds())).exec());
        } catch (EngineException e) {
            if (!e.dockerMessage().contains("No such container") && !e.dockerMessage().contains("is not running")) {
                throw e;
            }
        }
    }

    void rename(String idOrName, String newName) {
        calls.run("Renaming container " + idOrName + " to " + newName,
                () -> docker.renameContainerCmd(idOrName).withName(newName).exec());
    }

    void remove(String id) {
        try {
            calls.cleanup("Removing container " + id,
                    () -> docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
        } catch (EngineException e) {
            if (!e.dockerMessage().contains("No such container") && !e.dockerMessage().contains("already in progress")) {
                throw e;
            }
        }
    }

    List<String> logs(String id, int lines) {
        return OutputTail.read(calls, "Reading the output of container " + id, lineMax,
                frames -> docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines).exec(frames));
    }

    boolean readLogs(String id, LogRead read, Consumer<TimedLine> lines) {
        return LogStream.read(calls, "Reading the output of container " + id, lineMax, read, lines, frames -> {
            var command = docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTimestamps(true)
                    .withSince(read.sinceSeconds()).withFollowStream(read.follow());
            read.tail().ifPresent(command::withTail);
            command.exec(frames);
        });
    }

    private static ContainerState state(InspectContainerResponse c) {
        var state = c.getState();
        return new ContainerState(c.getId(), c.getName().replaceFirst("^/", ""), c.getConfig().getImage(),
                c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels(),
                Boolean.TRUE.equals(state.getRunning()), String.valueOf(state.getStatus()),
                state.getExitCodeLong() == null ? 0 : state.getExitCodeLong().intValue(),
                Boolean.TRUE.equals(state.getOOMKilled()),
                c.getRestartCount() == null ? 0 : c.getRestartCount(), ports(c));
    }

    private static Map<Integer, Integer> ports(InspectContainerResponse c) {
        Map<Integer, Integer> ports = new HashMap<>();
        Map<ExposedPort, Ports.Binding[]> bindings = c.getNetworkSettings().getPorts().getBindings();
        bindings.forEach((exposed, bound) -> {
            if (bound != null && bound.length > 0 && bound[0].getHostPortSpec() != null) {
                ports.put(exposed.getPort(), Integer.parseInt(bound[0].getHostPortSpec()));
            }
        });
        return ports;
    }
}
