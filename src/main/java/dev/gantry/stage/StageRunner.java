package dev.gantry.stage;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.Printable;
import dev.gantry.Reason;
import dev.gantry.config.DeadlinesSpec;
import dev.gantry.config.OutputLimits;
import dev.gantry.deploy.DeployFailedException;
import dev.gantry.fault.Failpoints;
import dev.gantry.secret.SecretMask;
import dev.gantry.store.StageState;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Runs one stage: its log file, its record in the store, its progress events, its deadline, its failure. */
public final class StageRunner {
    /** The work of a stage, writing its output to the stage's log. */
    @FunctionalInterface
    public interface Body {
        void run(StageLog log);
    }

    /** How long a stage's work gets to end once it was interrupted past its deadline. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final Store store;
    private final RunListener listener;
    private final Path logs;
    private final DeadlinesSpec deadlines;
    private final Duration grace;
    private final SecretMask mask;
    private final OutputLimits limits;
    private volatile Stage failedStage;

    StageRunner(Store store, RunListener listener, Path logs, DeadlinesSpec deadlines) {
        this(store, listener, logs, deadlines, GRACE, SecretMask.NONE);
    }

    /** A runner whose stages get {@code grace} to end once interrupted past their deadline. */
    public StageRunner(Store store, RunListener listener, Path logs, DeadlinesSpec deadlines, Duration grace) {
        this(store, listener, logs, deadlines, grace, SecretMask.NONE);
    }

    /** A runner whose logs, failure reasons and last lines have the secrets of {@code mask} masked. */
    StageRunner(Store store, RunListener listener, Path logs, DeadlinesSpec deadlines, SecretMask mask) {
        this(store, listener, logs, deadlines, GRACE, mask);
    }

    StageRunner(Store store, RunListener listener, Path logs, DeadlinesSpec deadlines, Duration grace,
                SecretMask mask) {
        this(store, listener, logs, deadlines, grace, mask, OutputLimits.DEFAULTS);
    }

    /** A runner whose stages keep no more of their output than {@code limits} allow. */
    public StageRunner(Store store, RunListener listener, Path logs, DeadlinesSpec deadlines, SecretMask mask,
                       OutputLimits limits) {
        this(store, listener, logs, deadlines, GRACE, mask, limits);
    }

    StageRunner(Store store, RunListener listener, Path logs, DeadlinesSpec deadlines, Duration grace,
                SecretMask mask, OutputLimits limits) {
        this.limits = limits;
        this.store = store;
        this.listener = listener;
        this.logs = logs;
        this.deadlines = deadlines;
        this.grace = grace;
        this.mask = mask;
    }

    /**
     * Runs {@code body} as stage {@code stage} of run {@code runId}, within the stage's deadline;
     * rethrows its failure once recorded.
     */
    public void run(long runId, Stage stage, Body body) {
        long started = System.nanoTime();
        store.runs().stageStarted(runId, stage.word());
        listener.stageStarted(stage);
        try (StageLog log = new StageLog(logs.resolve(runId + "-" + stage.word() + ".log"), mask,
                line -> listener.stageOutput(stage, line), limits)) {
            try {
                new StageDeadline(stage, deadlines.of(stage.word()), grace).run(() -> {
                    Failpoints.stageStarted(stage.word());
                    body.run(log);
                }, log);
                finish(runId, stage, StageState.PASSED, Optional.empty(), log, started);
            } catch (RuntimeException e) {
                RuntimeException failure = MaskedFailures.of(asStageFailure(stage, e, log), mask);
                String reason = Printable.of(failure instanceof StageFailedException failed ? failed.reason()
                        : Reason.of(failure));
                finish(runId, stage, StageState.FAILED, Optional.of(reason), log, started);
                if (failedStage == null) {
                    failedStage = stage;
                }
                throw failure;
            }
        }
    }

    /** The first stage that failed, if one did. */
    public Optional<Stage> failedStage() {
        return Optional.ofNullable(failedStage);
    }

    /**
     * A failure that is the stage's own (exit code 1) becomes a {@link StageFailedException} naming
     * the stage, with the last lines that explain it; environment problems (exit 3) stay as they are.
     */
    private static RuntimeException asStageFailure(Stage stage, RuntimeException e, StageLog log) {
        if (e instanceof StageFailedException || !(e instanceof GantryException known)
                || known.exitCode() != ExitCode.RUN_FAILED) {
            return e;
        }
        if (e instanceof DeployFailedException deploy && !deploy.lastLines().isEmpty()) {
            deploy.lastLines().forEach(log::line);
            return new StageFailedException(stage, e.getMessage(), deploy.lastLines());
        }
        return new StageFailedException(stage, e.getMessage(), log.tail());
    }

    private void finish(long runId, Stage stage, StageState state, Optional<String> message, StageLog log, long started) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.close();  // ends the file with the tail it could not hold, before the stage is told finished
        store.runs().stageFinished(runId, stage.word(), state, message, log.file(), log.text(), log.cuts());
        listener.stageFinished(stage, state, took, log.file());
    }
}
