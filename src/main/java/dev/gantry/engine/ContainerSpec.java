package dev.gantry.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container to create, as data. {@code command} empty means the image's own; {@code network}
 * empty means Docker's default bridge; each port in {@code publish} is published on 127.0.0.1 at a
 * port the OS chooses; {@code volumes} maps named volumes to paths in the container; {@code supervision}
 * is how Docker restarts it and what it may use.
 */
public record ContainerSpec(
        String image,
        String name,
        List<String> command,
        Map<String, String> env,
        Map<String, String> labels,
        Optional<String> network,
        List<Integer> publish,
        Map<String, String> volumes,
        Supervision supervision) {

    /**
     * How the engine keeps a container: its restart policy as Docker writes it ({@code no},
     * {@code unless-stopped}, {@code on-failure}, {@code on-failure:5}) and its memory and CPU limits (0: none).
     */
    public record Supervision(String restart, long memoryBytes, long nanoCpus) {
        /** Never restarted, no limits: a container that runs to completion. */
        public static final Supervision NONE = new Supervision("no", 0, 0);
    }

    public ContainerSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        publish = List.copyOf(publish);
        volumes = Map.copyOf(volumes);
    }

    /** A container of {@code image} named {@code name}, with the image's command and nothing else set. */
    public static ContainerSpec of(String image, String name) {
        return new ContainerSpec(image, name, List.of(), Map.of(), Map.of(), Optional.empty(), List.of(), Map.of(),
                Supervision.NONE);
    }

    /** The same container with this command. */
    public ContainerSpec withCommand(List<String> newCommand) {
        return new ContainerSpec(image, name, newCommand, env, labels, network, publish, volumes, supervision);
    }

    /** The same container with this environment. */
    public ContainerSpec withEnv(Map<String, String> newEnv) {
        return new ContainerSpec(image, name, command, newEnv, labels, network, publish, volumes, supervision);
    }

    /** The same container with these labels. */
    public ContainerSpec withLabels(Map<String, String> newLabels) {
        return new ContainerSpec(image, name, command, env, newLabels, network, publish, volumes, supervision);
    }

    /** The same container on this network ("host" to share the host's). */
    public ContainerSpec withNetwork(String newNetwork) {
        return new ContainerSpec(image, name, command, env, labels, Optional.of(newNetwork), publish, volumes, supervision);
    }

    /** The same container with {@code containerPort} published on 127.0.0.1 at a port the OS chooses. */
    public ContainerSpec withPublishedPort(int containerPort) {
        var ports = new ArrayList<>(publish);
        ports.add(containerPort);
        return new ContainerSpec(image, name, command, env, labels, network, ports, volumes, supervision);
    }

    /** The same container, restarted and limited as {@code newSupervision} says. */
    public ContainerSpec withSupervision(Supervision newSupervision) {
        return new ContainerSpec(image, name, command, env, labels, network, publish, volumes, newSupervision);
    }

    /** The same container with named volume {@code volume} mounted at {@code path}. */
    public ContainerSpec withVolume(String volume, String path) {
        var mounts = new HashMap<>(volumes);
        mounts.put(volume, path);
        return new ContainerSpec(image, name, command, env, labels, network, publish, mounts, supervision);
    }
}
