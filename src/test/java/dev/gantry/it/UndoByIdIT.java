package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.JournalEntry;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Undo and crash recovery act on what an effect produced, by container id, against the real engine,
 * nginx and embedded discovery: a start that never took place is skipped, a change already undone is
 * not undone again, and a recovery that cannot finish says what to do once and waits for
 * {@code gantry lock release} (docs/failure-matrix.md, "Undo by id").
 */
class UndoByIdIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aRunKilledBeforeDockerMadeItsFirstContainerIsRecoveredWithNothingToUndoForIt() {
        ServiceRepo repo = deployed(1);
        List<String> before = sandbox.containerSnapshot();
        commit(repo, "killed before its first start");

        String recovery = sandbox.killRunAt("deploy.start-intended", repo);

        assertThat(sandbox.containerSnapshot()).as(recovery).isEqualTo(before);
        RunRecord run = lastRun();
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(journal(run.id())).filteredOn(e -> e.effect().equals("container-started")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("nothing to undo: it never took place"));
    }

    @Test
    void anUndoKilledHalfwayIsFinishedByRecoveryAndNothingIsUndoneTwice() {
        ServiceRepo repo = deployed(1);
        List<String> before = sandbox.containerSnapshot();
        commit(repo, "fails after the switch, killed in its undo");
        var run = sandbox.cli().with("GANTRY_FAILPOINTS", "post-integration=fail,undo.step-done=pause")
                .start("run", repo.serviceDir().toString());
        try {
            run.awaitStderr("failpoint undo.step-done: paused", Duration.ofMinutes(3));
        } finally {
            run.kill();
        }

        var status = sandbox.cli().run("status", sandbox.service());

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(sandbox.containerSnapshot()).as(status.toString()).isEqualTo(before);
        RunRecord killed = lastRun();
        assertThat(killed.state()).isEqualTo(RunState.FAILED);
        List<JournalEntry> entries = journal(killed.id()).stream().filter(e -> e.undoneBy().isPresent()).toList();
        assertThat(entries.getLast().undoneBy()).as("the newest change, undone by the run before it was killed")
                .contains("run " + killed.id());
        assertThat(entries.subList(0, entries.size() - 1)).as("the rest, undone by the recovery, once each")
                .allSatisfy(e -> assertThat(e.undoneBy().orElseThrow()).startsWith("recovery by"));
    }

    @Test
    void recoveryRemovesTheCandidateByIdAndAnUndoThatCannotFinishIsToldOnceUntilTheLockIsReleased() {
        ServiceRepo repo = deployed(2); // green live, blue stopped: the next candidate sets blue aside
        List<String> before = sandbox.containerSnapshot();
        String installation = installationId();
        String blue1 = sandbox.service() + "-blue-1-" + installation;
        String oldBlue1 = sandbox.production().id(blue1);
        commit(repo, "killed after its first replica started");
        var run = sandbox.cli().with("GANTRY_FAILPOINTS", "deploy.replica-started=pause")
                .start("run", repo.serviceDir().toString());
        try {
            run.awaitStderr("failpoint deploy.replica-started: paused", Duration.ofMinutes(3));
        } finally {
            run.kill();
        }
        // the candidate is renamed by someone, and something else takes its name (and the old blue-1's)
        String candidate = sandbox.production().id(blue1);
        assertThat(candidate).isNotEqualTo(oldBlue1);
        sandbox.production().rename(candidate, sandbox.service() + "-renamed-by-a-person");
        String impostor = sandbox.production().create(sandbox.production().image(candidate), blue1,
                Map.of("gantry.service", sandbox.service(), "gantry.installation", "someone0", "gantry.role", "app"));

        var first = sandbox.cli().run("status", sandbox.service());

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(sandbox.production().exists(candidate)).as("the candidate, removed by its id").isFalse();
        assertThat(sandbox.production().id(blue1)).as("what now carries its name is not touched").isEqualTo(impostor);
        RunRecord stuck = lastRun();
        assertThat(stuck.state()).isEqualTo(RunState.NEEDS_ATTENTION);
        assertThat(stuck.message().orElseThrow()).contains("could not undo: set " + blue1 + " aside")
                .contains("gantry lock release " + sandbox.service());
        assertThat(first.stderr()).contains("gantry lock release " + sandbox.service());

        var second = sandbox.cli().run("status", sandbox.service());

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.stderr().lines().filter(line -> line.contains("needs attention")).toList())
                .as("one short line, no retry: %s", second).hasSize(1);
        assertThat(second.stderr()).doesNotContain("could not undo");
        assertThat(sandbox.production().id(blue1)).isEqualTo(impostor);

        sandbox.production().remove(impostor);
        var release = sandbox.cli().run("lock", "release", sandbox.service());

        assertThat(release.exitCode()).as(release.toString()).isZero();
        assertThat(release.stdout()).contains("Run " + stuck.id() + " of " + sandbox.service() + ": failed.");
        assertThat(sandbox.containerSnapshot()).as(release.toString()).isEqualTo(before);
        assertThat(lastRun().state()).isEqualTo(RunState.FAILED);
        var third = sandbox.cli().run("status", sandbox.service());
        assertThat(third.stderr()).doesNotContain("needs attention");
    }

    private ServiceRepo deployed(int releases) {
        sandbox.use("nginx", "embedded");
        ServiceRepo repo = sandbox.tiny();
        for (int i = 1; i <= releases; i++) {
            commit(repo, "release " + i);
            var run = sandbox.cli().run("run", repo.serviceDir().toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        return repo;
    }


    private void commit(ServiceRepo repo, String what) {
        repo.write("gantry.yml", MatrixService.gantryYml(sandbox.service(), ""));
        repo.write("case.txt", what + "\n");
        repo.commit(what);
    }

    private RunRecord lastRun() {
        try (Store store = Store.open(sandbox.storeUrl())) {
            return store.runs().history(sandbox.service(), 1).getFirst();
        }
    }

    private List<JournalEntry> journal(long runId) {
        try (Store store = Store.open(sandbox.storeUrl())) {
            return store.journal().entries(runId);
        }
    }

    private String installationId() {
        try (Store store = Store.open(sandbox.storeUrl())) {
            return store.installationId().value();
        }
    }
}
