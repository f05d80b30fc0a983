package dev.gantry.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of the test image: {@code tests/pre-deployment}, {@code tests/pre-integration} or
 * {@code tests/post-integration} in gantry.yml.
 *
 * @param env extra environment for the test container, in the order written (may override TEST_TYPE)
 * @param command the container's command as an argument list; empty means the image's own
 * @param timeout how long the test container may run before the phase fails
 */
public record TestPhase(Map<String, String> env, List<String> command, Duration timeout) {
    static final List<String> KEYS = List.of("env", "command", "timeout");

    /** Checks for nulls and makes env and command unmodifiable copies. */
    public TestPhase {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        command = List.copyOf(command);
        Objects.requireNonNull(timeout, "timeout");
    }

    static TestPhase read(YamlMap phase, Duration defaultTimeout) {
        return new TestPhase(
                phase.variables("env", Names.VARIABLE),
                phase.arguments("command"),
                phase.get("timeout", Rule.duration(), defaultTimeout));
    }
}
