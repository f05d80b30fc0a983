package dev.gantry.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The waits that run inside a stage, each with its own limit in gantry.yml: a stage's deadline must
 * outlast them, or the stage would fail on its deadline before the wait could say why.
 */
final class InnerTimeouts {
    private record Inner(String stage, String keyPath, Duration value) {
    }

    private final YamlMap root;
    private final YamlMap deadlines;

    InnerTimeouts(YamlMap root, YamlMap deadlines) {
        this.root = root;
        this.deadlines = deadlines;
    }

    /**
     * Reports each deadline that is not longer than a wait inside its stage, at the key a person
     * wrote: the deadline if it is written, else the wait's limit. A deadline already reported as
     * not valid ({@code notValid}) is not compared.
     */
    /** What the analysis stage needs beyond its window: the last period of figures stored, and read. */
    static final Duration ANALYSIS_MARGIN = Duration.ofSeconds(30);

    void check(Map<String, Duration> byStage, Set<String> notValid, TestsSpec tests, RunSpec run, DeploySpec deploy) {
        for (Inner inner : inners(tests, run, deploy)) {
            String stage = inner.stage();
            Duration deadline = byStage.get(stage);
            if (deadline.compareTo(inner.value()) > 0 || notValid.contains(stage)) {
                continue;
            }
            if (deadlines.has(stage)) {
                deadlines.problem(stage, "should be longer than " + inner.keyPath() + " ("
                        + Durations.format(inner.value()) + (root.hasAt(inner.keyPath()) ? "" : ", the default")
                        + "), which runs inside the " + stage + " stage");
            } else {
                root.problemAt(inner.keyPath(), "should be shorter than deadlines/" + stage + " ("
                        + Durations.format(deadline) + ", the default), the deadline of the " + stage
                        + " stage it runs inside; shorten it or set a longer deadlines/" + stage);
            }
        }
    }

    private static List<Inner> inners(TestsSpec tests, RunSpec run, DeploySpec deploy) {
        return List.of(
                new Inner("test", "tests/pre-deployment/timeout", tests.preDeployment().timeout()),
                new Inner("deploy", "run/health/timeout", run.health().timeout()),
                new Inner("pre-integration", "tests/pre-integration/timeout", tests.preIntegration().timeout()),
                new Inner("post-integration", "tests/post-integration/timeout", tests.postIntegration().timeout()),
                new Inner("cleanup", "deploy/drain", deploy.drain()),
                new Inner("analysis", "deploy/analysis/window", deploy.analysis().window().plus(ANALYSIS_MARGIN)));
    }
}
