package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The crash matrix of docs/failure-matrix.md: gantry is SIGKILLed at every stage boundary and in
 * the middle of deploy and switch (a failpoint pauses it there, the test kills it); the next gantry
 * command recovers from the run journal. Each point is a test of its own. Killed before the point of
 * no return, the whole of production must be as it was before the run ({@link ProductionChanges});
 * killed in cleanup, the new release is live, routed and registered alone, and the old one retired.
 * Either way the journal is finished, the lease free, and a load through the proxy that never
 * retries had at least {@value #FLOOR} requests during the case and no failed one. nginx and
 * embedded discovery, the real ones; the two releases before the first point are shared.
 */
@BothStores
class CrashMatrixIT {
    private static final String PATH = "/tiny";
    private static final int FLOOR = 50;
    private static final List<String> BEFORE_NO_RETURN = List.of("checkout", "test", "build", "push", "deploy",
            "deploy.replica-started", "register", "pre-integration", "pre-integration.test-network", "switch",
            "switch.routed", "post-integration");

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    /** One crash: production before it, after the recovery, what `gantry status` printed and what the load saw. */
    private record Crash(String commit, ProductionState before, ProductionState after, String recovery,
            LiveLoad.Tally load, long seconds) {
    }

    @TestFactory
    Stream<DynamicTest> aRunKilledAnywhereIsUndoneOrFinishedByTheNextCommand() {
        sandbox.use("nginx", "embedded");
        ServiceRepo repo = sandbox.tiny();
        for (int i = 1; i <= 2; i++) {
            commit(repo, "baseline " + i);
            var run = sandbox.cli().run("run", repo.serviceDir().toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        var production = ProductionState.Reader.of(sandbox, "nginx", "embedded", PATH);
        assertThat(production.now().unseen()).as("parts of production the matrix cannot see").isEmpty();
        var report = MatrixReport.create("crash-matrix.md", "point", "run afterwards", "requests", "failed",
                "production afterwards", "s");
        Stream<DynamicTest> undone = BEFORE_NO_RETURN.stream().map(point -> DynamicTest.dynamicTest("killed at " + point,
                () -> undoneAfterKill(point, repo, production, report)));
        return Stream.concat(undone, Stream.of(DynamicTest.dynamicTest("killed at cleanup",
                () -> finishedAfterKillInCleanup(repo, production, report))));
    }

    private void undoneAfterKill(String point, ServiceRepo repo, ProductionState.Reader production, MatrixReport report) {
        Crash crash = crash(point, repo, production);
        List<String> changes = ProductionChanges.between(crash.before(), crash.after(), crash.commit());
        RunRecord crashed = lastRun();
        report.row("`" + point + "`", crashed.state().word(), crash.load().requests(), crash.load().failures().size(),
                changes.isEmpty() ? "as before the run" : "CHANGED: " + String.join("; ", changes), crash.seconds());

        var soft = new SoftAssertions();
        soft.assertThat(changes).as("what changed in production after recovery%n%s", crash.recovery()).isEmpty();
        soft.assertThat(crashed.state()).as("the killed run").isEqualTo(RunState.FAILED);
        soft.assertThat(crashed.message().orElse("")).as("the killed run's message")
                .contains("gantry process stopped").contains("undid its changes");
        soft.assertThat(sandbox.runningContainers(Map.of("gantry.role", "test"))).as("test containers").isEmpty();
        soft.assertThat(sandbox.testNetworks()).as("test networks").isEmpty();
        assertLoad(soft, crash.load());
        soft.assertAll();
    }

    private void finishedAfterKillInCleanup(ServiceRepo repo, ProductionState.Reader production, MatrixReport report) {
        Crash crash = crash("cleanup", repo, production);
        ProductionState before = crash.before();
        ProductionState after = crash.after();
        RunRecord finished = lastRun();
        var soft = new SoftAssertions();
        soft.assertThat(after.live()).as("the live colour%n%s", crash.recovery()).isPresent().isNotEqualTo(before.live());
        soft.assertThat(after.throughProxy()).as("through the proxy").startsWith("200 release=" + crash.commit());
        soft.assertThat(after.routes()).as("the proxy's route table")
                .anySatisfy(route -> assertThat(route).contains(after.liveAddresses()))
                .noneMatch(route -> before.liveAddresses().stream().anyMatch(route::contains));
        soft.assertThat(sandbox.runningContainers(Map.of("gantry.colour", before.live().orElseThrow())))
                .as("running containers of the old colour").isEmpty();
        soft.assertThat(after.discovery().keySet()).as("discovery: only the live colour registered")
                .filteredOn(key -> key.contains("/colours/")).singleElement().asString().endsWith("/" + after.live().orElseThrow());
        soft.assertThat(after.containers()).as("containers: the set-aside earlier release removed")
                .hasSameSizeAs(before.containers());
        soft.assertThat(after.registryTags()).as("registry tags").contains(sandbox.service() + ":" + crash.commit());
        soft.assertThat(after.unfinishedRuns()).as("unfinished runs in the journal").isEmpty();
        soft.assertThat(after.lease()).as("the lease").isEmpty();
        soft.assertThat(finished.state()).as("the killed run").isEqualTo(RunState.SUCCEEDED);
        assertLoad(soft, crash.load());
        report.row("`cleanup`", finished.state().word(), crash.load().requests(), crash.load().failures().size(),
                soft.errorsCollected().isEmpty() ? "new release live, old retired" : "CHANGED", crash.seconds());
        soft.assertAll();
    }

    private static void assertLoad(SoftAssertions soft, LiveLoad.Tally load) {
        soft.assertThat(load.failures()).as("failed live requests of %d", load.requests()).isEmpty();
        soft.assertThat(load.requests()).as("live requests during the case").isGreaterThanOrEqualTo(FLOOR);
    }

    /** Commits, runs the flow, SIGKILLs it where {@code point} pauses it, then runs `gantry status`, under load. */
    private Crash crash(String point, ServiceRepo repo, ProductionState.Reader production) {
        long started = System.nanoTime();
        try (LiveLoad live = LiveLoad.start(URI.create(sandbox.proxyUrl()).getPort(), PATH)) {
            ProductionState before = production.now();
            String commit = commit(repo, "crash at " + point);
            String status = sandbox.killRunAt(point, repo);
            ProductionState after = production.now();
            return new Crash(commit, before, after, status, live.stop(),
                    (System.nanoTime() - started) / 1_000_000_000);
        }
    }

    private String commit(ServiceRepo repo, String what) {
        repo.write("gantry.yml", MatrixService.gantryYml(sandbox.service(), ""));
        repo.write("case.txt", what + "\n");
        return repo.commit(what);
    }

    private RunRecord lastRun() {
        try (Store store = Store.open(sandbox.storeUrl())) {
            return store.runs().history(sandbox.service(), 1).getFirst();
        }
    }
}
