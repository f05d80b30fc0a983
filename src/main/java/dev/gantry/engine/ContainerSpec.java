package dev.gantry.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container to create, as data. {@code command} empty means the image's own; {@code network}
 * empty means Docker's default bridge.
 */
public record ContainerSpec(
        String image,
        String name,
        List<String> command,
        Map<String, String> env,
        Map<String, String> labels,
        Optional<String> network) {

    public ContainerSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
    }
}
