package dev.gantry.it;

import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import java.util.List;
import org.assertj.core.api.SoftAssertions;

/**
 * One point of the crash matrix (docs/failure-matrix.md): gantry SIGKILLed where a failpoint pauses it (a stage
 * boundary, or inside deploy and switch), then `gantry status` recovers from the run journal. Killed before the
 * point of no return, production must be as it was before the run ({@link ProductionChanges}); killed in cleanup,
 * the new release is live, routed and registered alone, and the old one retired. Either way the journal is
 * finished, the lease free, and no live request failed.
 */
record KilledRun(String point) {

    /** Every point before the point of no return, in the order a run passes them. */
    static final List<String> BEFORE_NO_RETURN = List.of("checkout", "test", "build", "push", "deploy",
            "deploy.replica-started", "register", "pre-integration", "pre-integration.test-network", "switch",
            "switch.routed", "post-integration");
    /** The point after it: the run is finished, not undone. */
    static final String CLEANUP = "cleanup";

    @Override
    public String toString() {
        return "killed at " + point;
    }

    /** Runs the crash in {@code matrix}, adds its row to {@code report}, and asserts what it must leave. */
    void check(Matrix matrix, MatrixReport report) {
        Sandbox sandbox = matrix.sandbox();
        var crash = matrix.underLoad(before -> new Crash(matrix.commit("crash at " + point, ""),
                sandbox.killRunAt(point, matrix.repo())));
        if (point.equals(CLEANUP)) {
            finished(matrix, crash, report);
        } else {
            undone(matrix, crash, report);
        }
    }

    private void undone(Matrix matrix, Matrix.Outcome<Crash> crash, MatrixReport report) {
        Sandbox sandbox = matrix.sandbox();
        String recovery = crash.result().recovery();
        List<String> changes = ProductionChanges.between(crash.before(), crash.after(), crash.result().commit());
        RunRecord crashed = matrix.lastRun();
        report.row("`" + point + "`", crashed.state().word(), crash.load().requests(), crash.load().failures().size(),
                changes.isEmpty() ? "as before the run" : "CHANGED: " + String.join("; ", changes), crash.seconds());

        var soft = new SoftAssertions();
        soft.assertThat(changes).as("what changed in production after recovery%n%s", recovery).isEmpty();
        soft.assertThat(crashed.state()).as("the killed run").isEqualTo(RunState.FAILED);
        soft.assertThat(crashed.message().orElse("")).as("the killed run's message")
                .contains("gantry process stopped").contains("undid its changes");
        soft.assertThat(sandbox.runningTestContainers()).as("test containers").isEmpty();
        soft.assertThat(sandbox.testNetworks()).as("test networks").isEmpty();
        Matrix.assertLoad(soft, crash.load());
        soft.assertAll();
    }

    private void finished(Matrix matrix, Matrix.Outcome<Crash> crash, MatrixReport report) {
        Sandbox sandbox = matrix.sandbox();
        ProductionState before = crash.before();
        ProductionState after = crash.after();
        String recovery = crash.result().recovery();
        RunRecord finished = matrix.lastRun();
        var soft = new SoftAssertions();
        soft.assertThat(after.live()).as("the live colour%n%s", recovery).isPresent().isNotEqualTo(before.live());
        soft.assertThat(after.throughProxy()).as("through the proxy").startsWith("200 release=" + crash.result().commit());
        soft.assertThat(after.liveAddresses()).as("the new live replicas, each in the proxy's route table %s",
                after.routes()).isNotEmpty().allMatch(address -> after.routes().stream().anyMatch(r -> r.contains(address)));
        soft.assertThat(after.routes()).as("the proxy's route table")
                .noneMatch(route -> before.liveAddresses().stream().anyMatch(route::contains));
        soft.assertThat(sandbox.runningReplicas(before.live().orElseThrow()))
                .as("running replicas of the old colour").isEmpty();
        soft.assertThat(after.discovery().keySet()).as("discovery: only the live colour registered")
                .filteredOn(key -> key.contains("/colours/")).singleElement().asString()
                .endsWith("/" + after.live().orElseThrow());
        soft.assertThat(after.containers()).as("what runs releases: the earlier release set aside is removed")
                .hasSameSizeAs(before.containers());
        soft.assertThat(after.registryTags()).as("registry tags").contains(sandbox.service() + ":" + crash.result().commit());
        soft.assertThat(after.unfinishedRuns()).as("unfinished runs in the journal").isEmpty();
        soft.assertThat(after.lease()).as("the lease").isEmpty();
        soft.assertThat(finished.state()).as("the killed run").isEqualTo(RunState.SUCCEEDED);
        Matrix.assertLoad(soft, crash.load());
        report.row("`" + point + "`", finished.state().word(), crash.load().requests(), crash.load().failures().size(),
                soft.errorsCollected().isEmpty() ? "new release live, old retired" : "CHANGED", crash.seconds());
        soft.assertAll();
    }

    /** The columns of the matrix's report. */
    static MatrixReport report(String name) {
        return MatrixReport.create(name, "point", "run afterwards", "requests", "failed", "production afterwards", "s");
    }

    private record Crash(String commit, String recovery) {
    }
}
