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
 * @param restart when a replica that ended is started again
 * @param resources what one replica may use
 * @param placement where a Swarm places the replicas
 * @param scale how far {@code gantry scale} and alerts may move the replicas of the live colour
 */
public record RunSpec(int port, int replicas, Map<String, String> env, HealthSpec health, Duration stopGrace,
                      RestartSpec restart, ResourcesSpec resources, PlacementSpec placement, ScaleSpec scale) {
    static final List<String> KEYS = List.of("port", "replicas", "env", "health", "stop-grace", "restart", "resources",
            "placement", "scale");

    /** Checks for nulls and makes env an unmodifiable copy. */
    public RunSpec {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(stopGrace, "stopGrace");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(scale, "scale");
    }

    /** A run with the default restart policy, no resource limits, no placement rules, not scaled. */
    public RunSpec(int port, int replicas, Map<String, String> env, HealthSpec health, Duration stopGrace) {
        this(port, replicas, env, health, stopGrace, RestartSpec.DEFAULTS, ResourcesSpec.NONE, PlacementSpec.ANYWHERE,
                ScaleSpec.fixed(replicas));
    }

    /** The same run with {@code count} replicas (a scaled release's), its bounds unchanged. */
    public RunSpec withReplicas(int count) {
        return new RunSpec(port, count, env, health, stopGrace, restart, resources, placement, scale);
    }

    static RunSpec read(YamlMap run) {
        int port = run.get("port", Rule.wholeNumber(1, 65535), 8080);
        int replicas = run.get("replicas", Rule.wholeNumber(1, ScaleSpec.MOST), 1);
        return new RunSpec(
                port,
                replicas,
                run.variables("env", Names.VARIABLE),
                HealthSpec.read(run.section("health", HealthSpec.KEYS)),
                run.get("stop-grace", Rule.duration(), Duration.ofSeconds(30)),
                RestartSpec.read(run.section("restart", RestartSpec.KEYS)),
                ResourcesSpec.read(run.section("resources", ResourcesSpec.KEYS)),
                PlacementSpec.read(run.section("placement", PlacementSpec.KEYS)),
                ScaleSpec.read(run, replicas));
    }
}
