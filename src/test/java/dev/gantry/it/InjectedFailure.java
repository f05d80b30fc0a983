package dev.gantry.it;

import dev.gantry.store.RunRecord;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;

/**
 * One case of the failure-injection matrix (docs/failure-matrix.md): {@code stage} armed with {@code action}
 * through GANTRY_FAILPOINTS: {@code fail}, {@code hang} (past the stage's deadline), or a dependency the stage uses
 * failing under it ({@code engine}, {@code registry}, {@code discovery}, {@code proxy}). The run must fail at that
 * stage, production must be afterwards as it was before ({@link ProductionChanges}) and no live request may fail.
 */
record InjectedFailure(String stage, String action) {

    @Override
    public String toString() {
        return stage + "=" + action;
    }

    /** Every stage failing and hanging, and each dependency failing under every stage that uses it. */
    static List<InjectedFailure> everyStage() {
        List<InjectedFailure> cases = new ArrayList<>();
        for (String stage : List.of("checkout", "test", "build", "push", "deploy", "register", "pre-integration",
                "switch", "post-integration")) {
            cases.add(new InjectedFailure(stage, "fail"));
            cases.add(new InjectedFailure(stage, "hang"));
        }
        cases.addAll(List.of(new InjectedFailure("test", "engine"), new InjectedFailure("build", "engine"),
                new InjectedFailure("push", "engine"), new InjectedFailure("push", "registry"),
                new InjectedFailure("deploy", "engine"), new InjectedFailure("register", "discovery"),
                new InjectedFailure("pre-integration", "engine"), new InjectedFailure("switch", "proxy"),
                new InjectedFailure("switch", "discovery"), new InjectedFailure("post-integration", "engine")));
        return cases;
    }

    /** Runs the case in {@code matrix}, adds its row to {@code report}, and asserts what it must leave. */
    void check(Matrix matrix, MatrixReport report) {
        Sandbox sandbox = matrix.sandbox();
        var outcome = matrix.underLoad(before -> {
            String commit = matrix.commit("Case " + this, action.equals("hang") ? stage : "");
            return new Ran(commit, sandbox.cli().with("GANTRY_FAILPOINTS", toString())
                    .run("run", matrix.repo().serviceDir().toString()));
        });
        GantryCli.Result run = outcome.result().run();
        List<String> changes = ProductionChanges.between(outcome.before(), outcome.after(), outcome.result().commit());
        RunRecord last = matrix.lastRun();
        report.row(stage, action, run.exitCode(), last.failedStage().orElse("-"), outcome.load().requests(),
                outcome.load().failures().size(), changes.isEmpty() ? "as before" : "CHANGED: " + String.join("; ", changes),
                outcome.seconds());

        var soft = new SoftAssertions();
        soft.assertThat(run.exitCode()).as("exit code%n%s", run).isIn(1, 3);
        soft.assertThat(last.failedStage()).as("the stage that failed%n%s", run).contains(stage);
        soft.assertThat(run.stdout() + run.stderr()).as("the failure shown")
                .contains(action.equals("hang") ? "deadline" : "injected");
        soft.assertThat(changes).as("what changed in production%n%s", run).isEmpty();
        Matrix.assertLoad(soft, outcome.load());
        soft.assertAll();
    }

    /** The columns of the matrix's report. */
    static MatrixReport report(String name) {
        return MatrixReport.create(name, "stage", "fault", "exit", "failed stage", "requests", "failed",
                "production afterwards", "s");
    }

    private record Ran(String commit, GantryCli.Result run) {
    }
}
