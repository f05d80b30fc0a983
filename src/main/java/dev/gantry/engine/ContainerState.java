package dev.gantry.engine;

import java.util.Map;
import java.util.Optional;

/** What Docker says about one container. {@code ports} maps container ports to published host ports. */
public record ContainerState(
        String id,
        String name,
        String image,
        Map<String, String> labels,
        boolean running,
        String status,
        int exitCode,
        boolean oomKilled,
        int restartCount,
        Map<Integer, Integer> ports) {

    public ContainerState {
        labels = Map.copyOf(labels);
        ports = Map.copyOf(ports);
    }

    /** The host port that {@code containerPort} is published on, if it is. */
    public Optional<Integer> hostPort(int containerPort) {
        return Optional.ofNullable(ports.get(containerPort));
    }

    /** Why a container that should run does not, in words, for a person. */
    public String describe() {
        if (running) {
            return restartCount == 0 ? "running" : "running (restarted " + restartCount + " time(s) by the engine)";
        }
        if (oomKilled) {
            return "killed because it ran out of memory (OOM, exit code " + exitCode + ")";
        }
        return status + " (exit code " + exitCode + ")";
    }
}
