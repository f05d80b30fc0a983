package dev.gantry.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the production image is built: {@code build} in gantry.yml.
 *
 * @param dockerfile the Dockerfile, relative to the service directory
 * @param context the build context directory, relative to the service directory
 * @param args build arguments ({@code --build-arg}), in the order written
 */
public record BuildSpec(String dockerfile, String context, Map<String, String> args) {
    static final List<String> KEYS = List.of("dockerfile", "context", "args");

    /** Checks for nulls and makes args an unmodifiable copy. */
    public BuildSpec {
        Objects.requireNonNull(dockerfile, "dockerfile");
        Objects.requireNonNull(context, "context");
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    static BuildSpec read(YamlMap build) {
        return new BuildSpec(
                build.get("dockerfile", Names.RELATIVE_PATH, "Dockerfile"),
                build.get("context", Names.RELATIVE_PATH, "."),
                build.variables("args", Names.VARIABLE));
    }
}
