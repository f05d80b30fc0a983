package dev.gantry.cli;

import dev.gantry.config.ServiceConfig;
import dev.gantry.lock.Lease;
import dev.gantry.pipeline.RunOutcome;
import dev.gantry.source.Release;
import dev.gantry.stage.RunListener;
import dev.gantry.stage.Stage;
import dev.gantry.store.StageState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** Shows a run's stages live, one line as each starts and ends. */
final class ProgressPrinter implements RunListener {
    private final PrintWriter out;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void waitingForLock(Lease holder) {
        print("waiting for the lock on %s: held by %s", holder.service(), holder.describe());
    }

    @Override
    public void runStarted(long runId, ServiceConfig config, Release release) {
        print("run %d: %s at %s \"%s\"", runId, config.service(), release.shortCommit(), release.title());
    }

    @Override
    public void stageStarted(Stage stage) {
        print("  %-16s started", stage.word());
    }

    @Override
    public void stageFinished(Stage stage, StageState state, Duration took, Path log) {
        String mark = state == StageState.PASSED ? "passed" : state.word();
        print("  %-16s %-7s %7s   log: %s", stage.word(), mark, seconds(took), log);
    }

    @Override
    public void warning(String message) {
        print("warning: %s", message);
    }

    void succeeded(RunOutcome outcome) {
        print("run %d passed in %s: %s %s is live in %s at %s", outcome.runId(), seconds(outcome.took()),
                outcome.service(), outcome.release().substring(0, Math.min(12, outcome.release().length())),
                outcome.colour().word(), outcome.url());
    }

    void scaled(RunOutcome outcome, int replicas) {
        print("run %d passed in %s: %s %s runs %d replica(s) in %s at %s", outcome.runId(), seconds(outcome.took()),
                outcome.service(), outcome.release().substring(0, Math.min(12, outcome.release().length())), replicas,
                outcome.colour().word(), outcome.url());
    }

    static String seconds(Duration took) {
        return String.format("%.1fs", took.toMillis() / 1000.0);
    }

    private synchronized void print(String format, Object... args) {
        out.println(String.format(format, args));
        out.flush();
    }
}
