package dev.gantry.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the service's containers run: {@code run} in gantry.yml.
 *
 * @param port the container port the service listens on
 * @param replicas how many containers of one colour run
 * @param env the containers' environment, in the order written
 * @param stopGrace how long a stopping container gets between SIGTERM and SIGKILL
 */
public record RunSpec(int port, int replicas, Map<String, String> env, HealthSpec health, Duration stopGrace) {
    static final List<String> KEYS = List.of("port", "replicas", "env", "health", "stop-grace");

    /** Checks for nulls and makes env an unmodifiable copy. */
    public RunSpec {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(stopGrace, "stopGrace");
    }

    static RunSpec read(YamlMap run) {
        return new RunSpec(
                run.get("port", Rule.wholeNumber(1, 65535), 8080),
                run.get("replicas", Rule.wholeNumber(1, 100), 1),
                run.variables("env", Names.VARIABLE),
                HealthSpec.read(run.section("health", HealthSpec.KEYS)),
                run.get("stop-grace", Rule.duration(), Duration.ofSeconds(30)));
    }
}
