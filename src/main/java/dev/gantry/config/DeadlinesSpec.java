package dev.gantry.config;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How long each stage may take before it fails: {@code deadlines} in gantry.yml, one key per stage
 * (docs/design.md, "The flow"; every key in docs/gantry-yml.md).
 *
 * @param byStage each stage's deadline, by the stage's name ("deploy", "pre-integration" …)
 */
public record DeadlinesSpec(Map<String, Duration> byStage) {
    static final Map<String, Duration> DEFAULTS = defaultDeadlines();
    static final List<String> KEYS = List.copyOf(DEFAULTS.keySet());
    static final Duration MIN = Duration.ofSeconds(1);
    private static final Rule<Duration> DEADLINE = new Rule<>(Rule.Kind.STRING,
            "a duration from 1s to " + Durations.MAX_TEXT + " like 90s, 10m or 1h",
            text -> Durations.parse(text).filter(d -> d.compareTo(MIN) >= 0));

    /** Checks that every stage has a positive deadline, and makes an unmodifiable copy. */
    public DeadlinesSpec {
        if (!byStage.keySet().equals(DEFAULTS.keySet())) {
            throw new IllegalArgumentException("deadlines for " + byStage.keySet() + ", should be for " + KEYS);
        }
        byStage.forEach((stage, deadline) -> {
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("the deadline of " + stage + " should be positive: " + deadline);
            }
        });
        byStage = Collections.unmodifiableMap(new LinkedHashMap<>(byStage));
    }

    /** Every stage at its default deadline. */
    public static DeadlinesSpec defaults() {
        return new DeadlinesSpec(DEFAULTS);
    }

    /** The deadline of {@code stage}, named as in gantry.yml ("pre-integration"). */
    public Duration of(String stage) {
        Duration deadline = byStage.get(stage);
        if (deadline == null) {
            throw new IllegalArgumentException("no stage is called " + stage + "; stages are " + KEYS);
        }
        return deadline;
    }

    /** These deadlines, with {@code stage}'s set to {@code deadline}. */
    public DeadlinesSpec with(String stage, Duration deadline) {
        Map<String, Duration> changed = new LinkedHashMap<>(byStage);
        changed.put(stage, deadline);
        return new DeadlinesSpec(changed);
    }

    /** Reads {@code deadlines}, then checks each against the waits that run inside its stage. */
    static DeadlinesSpec read(YamlMap root, TestsSpec tests, RunSpec run, DeploySpec deploy) {
        YamlMap section = root.section("deadlines", KEYS);
        Map<String, Duration> deadlines = new LinkedHashMap<>(DEFAULTS);
        Set<String> notValid = new HashSet<>();
        for (String stage : KEYS) {
            if (section.has(stage)) {
                section.optional(stage, DEADLINE).ifPresentOrElse(deadline -> deadlines.put(stage, deadline),
                        () -> notValid.add(stage));
            }
        }
        new InnerTimeouts(root, section).check(deadlines, notValid, tests, run, deploy);
        return new DeadlinesSpec(deadlines);
    }

    private static Map<String, Duration> defaultDeadlines() {
        Map<String, Duration> deadlines = new LinkedHashMap<>();
        deadlines.put("checkout", Duration.ofMinutes(5));
        deadlines.put("test", Duration.ofMinutes(30));
        deadlines.put("build", Duration.ofMinutes(20));
        deadlines.put("push", Duration.ofMinutes(10));
        deadlines.put("deploy", Duration.ofMinutes(15));
        deadlines.put("register", Duration.ofMinutes(1));
        deadlines.put("pre-integration", Duration.ofMinutes(10));
        deadlines.put("switch", Duration.ofMinutes(2));
        deadlines.put("post-integration", Duration.ofMinutes(10));
        deadlines.put("analysis", Duration.ofMinutes(40));
        deadlines.put("cleanup", Duration.ofMinutes(10));
        deadlines.put("undo", Duration.ofMinutes(10));
        return Collections.unmodifiableMap(deadlines);
    }
}
