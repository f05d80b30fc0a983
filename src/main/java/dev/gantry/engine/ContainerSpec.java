package dev.gantry.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container to create, as data. {@code command} empty means the image's own; {@code network}
 * empty means Docker's default bridge; each port in {@code publish} is published on 127.0.0.1 at a
 * port the OS chooses; {@code volumes} maps named volumes to paths in the container.
 */
public record ContainerSpec(
        String image,
        String name,
        List<String> command,
        Map<String, String> env,
        Map<String, String> labels,
        Optional<String> network,
        List<Integer> publish,
        Map<String, String> volumes) {

    public ContainerSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        publish = List.copyOf(publish);
        volumes = Map.copyOf(volumes);
    }

    /** A container of {@code image} named {@code name}, with the image's command and nothing else set. */
    public static ContainerSpec of(String image, String name) {
        return new ContainerSpec(image, name, List.of(), Map.of(), Map.of(), Optional.empty(), List.of(), Map.of());
    }

    /** The same container with this command. */
    public ContainerSpec withCommand(List<String> newCommand) {
        return new ContainerSpec(image, name, newCommand, env, labels, network, publish, volumes);
    }

    /** The same container with this environment. */
    public ContainerSpec withEnv(Map<String, String> newEnv) {
        return new ContainerSpec(image, name, command, newEnv, labels, network, publish, volumes);
    }

    /** The same container with these labels. */
    public ContainerSpec withLabels(Map<String, String> newLabels) {
        return new ContainerSpec(image, name, command, env, newLabels, network, publish, volumes);
    }

    /** The same container on this network ("host" to share the host's). */
    public ContainerSpec withNetwork(String newNetwork) {
        return new ContainerSpec(image, name, command, env, labels, Optional.of(newNetwork), publish, volumes);
    }

    /** The same container with {@code containerPort} published on 127.0.0.1 at a port the OS chooses. */
    public ContainerSpec withPublishedPort(int containerPort) {
        var ports = new ArrayList<>(publish);
        ports.add(containerPort);
        return new ContainerSpec(image, name, command, env, labels, network, ports, volumes);
    }

    /** The same container with named volume {@code volume} mounted at {@code path}. */
    public ContainerSpec withVolume(String volume, String path) {
        var mounts = new HashMap<>(volumes);
        mounts.put(volume, path);
        return new ContainerSpec(image, name, command, env, labels, network, publish, mounts);
    }
}
