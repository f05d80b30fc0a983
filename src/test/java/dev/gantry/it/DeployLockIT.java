package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.it.GantryCli.Result;
import dev.gantry.it.GantryCli.Running;
import dev.gantry.it.HistoryRows.Row;
import dev.gantry.lock.Owner;
import dev.gantry.store.LeaseRecord;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One run per service at a time (docs/locks.md), with real gantry processes sharing one GANTRY_HOME:
 * two runs started together take turns; a run that finds the lock held fails at once with
 * {@code --no-wait}; the lock of a gantry killed with SIGKILL is taken over without waiting for it
 * to expire; and {@code gantry lock status|release} say what they see and do. Two runs started together
 * also run with the store on PostgreSQL, whose row locks serialise them instead of SQLite's file lock.
 */
@BothStores
class DeployLockIT {
    private static final String QUICK_TESTS = "env: {TINY_TEST_EXIT: \"0\"}";
    private static final String SLOW_TESTS = "env: {TINY_TEST_EXIT: \"0\", TINY_TEST_SECONDS: \"300\"}";

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private final Owner here = Owner.current();

    @ParameterizedTest(name = "store on {0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void twoRunsOfOneServiceStartedTogetherBothSucceedOneAfterTheOther(String store) {
        assumeFalse(store.equals("sqlite") && TestStore.postgres(),
                "GANTRY_TEST_STORE=postgres puts this case on PostgreSQL too, where the postgres case already runs");
        sandbox.useStore(store);
        ServiceRepo repo = sandbox.tiny();
        String dir = repo.serviceDir().toString();

        Running one = sandbox.cli().start("run", dir);
        Running two = sandbox.cli().start("run", dir);
        Result first = one.await(GantryCli.DEADLINE);
        Result second = two.await(GantryCli.DEADLINE);

        assertThat(first.exitCode()).as("%s", first).isZero();
        assertThat(second.exitCode()).as("%s", second).isZero();
        List<RunRecord> runs = runsOldestFirst();
        assertThat(runs).as("runs in the store").hasSize(2).allSatisfy(run -> assertThat(run.state()).isEqualTo(RunState.SUCCEEDED));
        RunRecord earlier = runs.get(0);
        RunRecord later = runs.get(1);
        assertThat(later.stages().getFirst().startedAt()).as("the later run's first stage starts after the earlier"
                + " run ended").isAfterOrEqualTo(earlier.finishedAt().orElseThrow());
        Result waited = first.stdout().contains("waiting for the lock") ? first : second;
        long holder = waited == first ? two.pid() : one.pid();
        assertThat(List.of(first, second)).as("runs that waited").filteredOn(r -> r.stdout().contains("waiting for the lock"))
                .singleElement();
        assertThat(waited.stdout()).as("%s", waited).containsPattern("(?m)^waiting for the lock on " + sandbox.service()
                + ": held by " + here.user() + "@" + here.host() + " pid " + holder + " since \\d\\d:\\d\\d:\\d\\d \\(");
        assertThat(lockStatus().stdout()).isEqualTo(sandbox.service() + " is not locked.\n");
    }

    @Test
    void aLockedServiceRefusesANoWaitRunAndIsTakenOverFromAKilledGantry() {
        ServiceRepo repo = sandbox.tiny();
        repo.replace("gantry.yml", QUICK_TESTS, SLOW_TESTS);
        repo.commit("Tests that take five minutes");
        String dir = repo.serviceDir().toString();
        Running holder = sandbox.cli().start("run", dir);
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> StageLines.started(holder.stdout()).contains("test"));

            Result refused = sandbox.cli().run(Duration.ofSeconds(60), "run", "--no-wait", dir);
            assertThat(refused.exitCode()).as("%s", refused).isEqualTo(1);
            assertThat(refused.stderr()).as("%s", refused)
                    .startsWith("error: " + sandbox.service() + " is locked by " + here.user() + "@" + here.host()
                            + " pid " + holder.pid() + " since ")
                    .contains("(run 1: run of " + sandbox.service() + " at ")
                    .contains("Nothing was changed.")
                    .contains("`gantry lock status " + sandbox.service() + "`");
            assertThat(history()).as("the refused run is not recorded").extracting(Row::run).containsExactly(1L);

            Result held = lockStatus();
            assertThat(held.exitCode()).as("%s", held).isZero();
            assertThat(held.stdout()).as("%s", held)
                    .startsWith(sandbox.service() + ": locked by " + here.user() + "@" + here.host() + " pid "
                            + holder.pid() + ", which is alive on this host\n")
                    .contains("  run:      1\n")
                    .contains("  message:  run of " + sandbox.service() + " at " + repo.head().substring(0, 12)
                            + " \"Tests that take five minutes\"\n");
        } finally {
            holder.kill();
        }

        try (Store store = Store.open(storeUrl())) {
            assertThat(store.leases().find(sandbox.service())).as("the lease of the killed gantry stays in the store")
                    .hasValueSatisfying(lease -> assertThat(Owner.parse(lease.owner()).isGoneHere()).isTrue());
        }
        Result recovered = lockStatus();
        assertThat(recovered.stdout()).as("any command takes the dead owner's lease over at once to recover its run%n%s",
                recovered).isEqualTo(sandbox.service() + " is not locked.\n");
        assertThat(recovered.stderr()).as("%s", recovered).contains("run 1 of " + sandbox.service());
        assertThat(history()).extracting(Row::result).first().isEqualTo("failed");
        repo.replace("gantry.yml", SLOW_TESTS, QUICK_TESTS);
        repo.commit("Quick tests again");
        Result takeover = sandbox.cli().run("run", dir);

        assertThat(takeover.exitCode()).as("%s", takeover).isZero();
        assertThat(takeover.stdout()).as("taken over at once, not after the lease expired").doesNotContain("waiting for the lock");
        assertThat(history()).extracting(Row::result).first().isEqualTo("succeeded");
        assertThat(lockStatus().stdout()).isEqualTo(sandbox.service() + " is not locked.\n");
    }

    @Test
    void anExpiredLeaseOfAGantryOnAnotherHostIsTakenOverWhileALiveOneIsNot() {
        ServiceRepo repo = sandbox.tiny();
        Owner elsewhere = new Owner("build-host-2", 4242, 1_700_000_000_000L, "deploy");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lease(elsewhere, now.minusSeconds(90), now.plusSeconds(60));

        Result refused = sandbox.cli().run(Duration.ofSeconds(60), "run", "--no-wait", repo.serviceDir().toString());
        assertThat(refused.exitCode()).as("a lease that has not expired, of a process this host cannot see%n%s", refused)
                .isEqualTo(1);
        assertThat(refused.stderr()).contains("is locked by deploy@build-host-2 pid 4242");

        lease(elsewhere, now.minusSeconds(90), now.minusSeconds(30));
        Result run = sandbox.cli().run("run", "--no-wait", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("the expired lease is taken over at once%n%s", run).isZero();
        assertThat(history()).extracting(Row::result).containsExactly("succeeded");
        assertThat(lockStatus().stdout()).isEqualTo(sandbox.service() + " is not locked.\n");
    }

    private void lease(Owner owner, Instant acquired, Instant expires) {
        try (Store store = Store.open(storeUrl())) {
            store.leases().find(sandbox.service()).ifPresent(store.leases()::remove);
            assertThat(store.leases().take(new LeaseRecord(sandbox.service(), owner.text(), 7, "run of elsewhere",
                    acquired, expires), acquired, Optional.empty())).isTrue();
        }
    }

    @Test
    void lockReleaseRemovesWhateverHoldsTheLockAndWarnsWhenItsOwnerStillRuns() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Store store = Store.open(storeUrl())) {
            store.leases().take(new LeaseRecord(sandbox.service(), here.text(), 0, "held by the test", now,
                    now.plusSeconds(60)), now, Optional.empty());
        }

        Result release = sandbox.cli().run("lock", "release", sandbox.service());

        assertThat(release.exitCode()).as("%s", release).isZero();
        assertThat(release.stdout()).as("%s", release)
                .startsWith("Released the lock on " + sandbox.service() + " held by " + here.describe() + " since ")
                .contains("(held by the test).\n")
                .contains("warning: its owner, pid " + here.pid() + ", still runs on this host.");
        assertThat(lockStatus().stdout()).isEqualTo(sandbox.service() + " is not locked.\n");
        Result again = sandbox.cli().run("lock", "release", sandbox.service());
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.stdout()).isEqualTo(sandbox.service() + " is not locked.\n");
    }

    private Result lockStatus() {
        Result status = sandbox.cli().run("lock", "status", sandbox.service());
        assertThat(status.exitCode()).as("%s", status).isZero();
        return status;
    }

    private List<Row> history() {
        return HistoryRows.parse(sandbox.cli().run("history", sandbox.service()).stdout());
    }

    private List<RunRecord> runsOldestFirst() {
        try (Store store = Store.open(storeUrl())) {
            return store.runs().history(sandbox.service(), 10).stream().sorted(Comparator.comparing(RunRecord::id)).toList();
        }
    }

    private String storeUrl() {
        return sandbox.storeUrl();
    }
}
