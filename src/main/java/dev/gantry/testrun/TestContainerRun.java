package dev.gantry.testrun;

import dev.gantry.Printable;
import dev.gantry.config.Durations;
import dev.gantry.engine.ContainerExit;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.engine.Engine;
import dev.gantry.engine.EngineException;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageFailedException;
import dev.gantry.stage.StageLog;
import dev.gantry.stage.Tail;
import java.time.Duration;
import java.util.List;

/** Runs one test container to its end; a non-zero exit, an OOM kill or a passed deadline fails the stage. */
public final class TestContainerRun {
    private final Engine engine;

    /** Test containers run on {@code engine}, the CD engine. */
    public TestContainerRun(Engine engine) {
        this.engine = engine;
    }

    /** Runs {@code spec} as part of {@code stage}, at most {@code timeout}; its output goes to {@code log}. */
    public void run(Stage stage, ContainerSpec spec, Duration timeout, StageLog log) {
        String type = spec.env().get("TEST_TYPE");
        log.line("running " + spec.name() + " with TEST_TYPE=" + type + target(spec));
        var output = new Tail();
        ContainerExit exit;
        try {
            exit = engine.runToCompletion(spec, timeout, line -> {
                log.line(line);
                output.add(Printable.of(line));
            });
        } catch (EngineException e) {
            throw new StageFailedException(stage, "the test container could not run: " + e.getMessage(), log.tail());
        }
        if (!exit.succeeded()) {
            throw new StageFailedException(stage, "the " + type + " tests failed: the test container "
                    + (exit.timedOut() ? timedOut(stage, timeout) : exit.describe()), output.lines());
        }
    }

    /** Where an integration test container is sent, as it will see it: origin, route path, host. */
    private static String target(ContainerSpec spec) {
        var text = new StringBuilder();
        for (String variable : List.of("TARGET_URL", "GANTRY_PROXY_PATH", "TARGET_HOST")) {
            if (spec.env().containsKey(variable)) {
                text.append(' ').append(variable).append('=').append(spec.env().get(variable));
            }
        }
        return text.toString();
    }

    /** The timeout's key, so a person knows what to raise: the test container's, inside the stage's deadline. */
    private static String timedOut(Stage stage, Duration timeout) {
        String phase = stage == Stage.TEST ? TestPhaseKind.PRE_DEPLOYMENT.word() : stage.word();
        return "did not finish within " + Durations.format(timeout) + " (tests/" + phase
                + "/timeout in gantry.yml) and was killed";
    }
}
