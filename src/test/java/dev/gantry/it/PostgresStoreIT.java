package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.JournalEntry;
import dev.gantry.store.JournalState;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Crash recovery with the store on PostgreSQL, as CrashMatrixIT does it on SQLite at one point: a
 * gantry SIGKILLed in the middle of the switch (traffic already on the candidate) leaves its journal
 * and its lease in PostgreSQL, and the next command takes the dead owner's lease and undoes the run.
 * The other flows that run on both stores are parameters of BlueGreenIT and DeployLockIT
 * (docs/installation-config.md lists them).
 */
class PostgresStoreIT {
    private static final String PATH = "/tiny";
    private static final String POINT = "switch.routed";

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aRunKilledInTheMiddleOfTheSwitchIsUndoneFromTheJournalInPostgres() {
        sandbox.use("nginx", "embedded");
        sandbox.useStore("postgres");
        ServiceRepo repo = sandbox.tiny();
        commit(repo, "baseline");
        var baseline = sandbox.cli().run("run", repo.serviceDir().toString());
        assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
        var production = ProductionState.Reader.of(sandbox, "nginx", "embedded", PATH);
        ProductionState before = production.now();
        String commit = commit(repo, "crash at " + POINT);

        var run = sandbox.cli().with("GANTRY_FAILPOINTS", POINT + "=pause").start("run", repo.serviceDir().toString());
        try {
            run.awaitStderr("failpoint " + POINT + ": paused", Duration.ofMinutes(3));
            assertThat(ProductionState.get(sandbox.proxyUrl() + PATH)).as("traffic on the candidate when killed")
                    .startsWith("200 release=" + repo.head());
        } finally {
            run.kill();
        }
        var status = sandbox.cli().run("status", sandbox.service());

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(ProductionChanges.between(before, production.now(), commit)).as("what changed in production"
                + " after recovery%n%s", status).isEmpty();
        assertThat(sandbox.runningTestContainers()).isEmpty();
        try (Store store = Store.open(sandbox.storeUrl())) {
            RunRecord crashed = store.runs().history(sandbox.service(), 1).getFirst();
            assertThat(crashed.state()).isEqualTo(RunState.FAILED);
            assertThat(crashed.message().orElse("")).contains("gantry process stopped").contains("undid its changes");
            assertThat(store.journal().entries(crashed.id())).isNotEmpty().extracting(JournalEntry::state)
                    .containsOnly(JournalState.UNDONE);
            assertThat(store.leases().find(sandbox.service())).as("the dead owner's lease").isEmpty();
        }
    }

    private String commit(ServiceRepo repo, String what) {
        repo.write("gantry.yml", MatrixService.gantryYml(sandbox.service(), ""));
        repo.write("case.txt", what + "\n");
        return repo.commit(what);
    }
}
