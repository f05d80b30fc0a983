package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failure-injection matrix of docs/failure-matrix.md: for every stage, the stage failing, the
 * stage passing its deadline, and each dependency it uses failing under it (GANTRY_FAILPOINTS). Each
 * case is a test of its own: afterwards the whole of production must be as it was before
 * ({@link ProductionChanges}), and a load through the proxy that never retries must have had at
 * least {@value #FLOOR} requests during the case and no failed one. HAProxy and etcd, the real ones;
 * the two releases before the first case are shared by all cases.
 */
class FailureMatrixIT {
    private static final String PATH = "/tiny";
    private static final int FLOOR = 50;

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    /** One case: arm {@code stage} with {@code action}; the run should fail at {@code stage}. */
    record Case(String stage, String action) {
        @Override
        public String toString() {
            return stage + "=" + action;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String stage : List.of("checkout", "test", "build", "push", "deploy", "register", "pre-integration",
                "switch", "post-integration")) {
            cases.add(new Case(stage, "fail"));
            cases.add(new Case(stage, "hang"));
        }
        cases.addAll(List.of(new Case("test", "engine"), new Case("build", "engine"), new Case("push", "engine"),
                new Case("push", "registry"), new Case("deploy", "engine"), new Case("register", "discovery"),
                new Case("pre-integration", "engine"), new Case("switch", "proxy"), new Case("switch", "discovery"),
                new Case("post-integration", "engine")));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyInjectedFailureLeavesProductionAsItWasAndFailsNoLiveRequest() {
        sandbox.use("haproxy", EtcdKeys.ETCD);
        ServiceRepo repo = sandbox.tiny();
        releaseTwice(repo);
        var production = ProductionState.Reader.of(sandbox, "haproxy", EtcdKeys.ETCD, PATH);
        assertThat(production.now().unseen()).as("parts of production the matrix cannot see").isEmpty();
        var report = MatrixReport.create("failure-matrix.md", "stage", "fault", "exit", "failed stage", "requests",
                "failed", "production afterwards", "s");
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c, repo, production, report)));
    }

    private void check(Case c, ServiceRepo repo, ProductionState.Reader production, MatrixReport report) {
        long started = System.nanoTime();
        ProductionState before;
        ProductionState after;
        GantryCli.Result run;
        String commit;
        LiveLoad.Tally load;
        try (LiveLoad live = LiveLoad.start(URI.create(sandbox.proxyUrl()).getPort(), PATH)) {
            before = production.now();
            repo.write("gantry.yml", MatrixService.gantryYml(sandbox.service(), c.action().equals("hang") ? c.stage() : ""));
            repo.write("case.txt", c + "\n");
            commit = repo.commit("Case " + c);
            run = sandbox.cli().with("GANTRY_FAILPOINTS", c.toString()).run("run", repo.serviceDir().toString());
            after = production.now();
            load = live.stop();
        }
        List<String> changes = ProductionChanges.between(before, after, commit);
        RunRecord last = lastRun();
        report.row(c.stage(), c.action(), run.exitCode(), last.failedStage().orElse("-"), load.requests(),
                load.failures().size(), changes.isEmpty() ? "as before" : "CHANGED: " + String.join("; ", changes),
                (System.nanoTime() - started) / 1_000_000_000);

        var soft = new SoftAssertions();
        soft.assertThat(run.exitCode()).as("exit code%n%s", run).isIn(1, 3);
        soft.assertThat(last.failedStage()).as("the stage that failed%n%s", run).contains(c.stage());
        soft.assertThat(run.stdout() + run.stderr()).as("the failure shown")
                .contains(c.action().equals("hang") ? "deadline" : "injected");
        soft.assertThat(changes).as("what changed in production%n%s", run).isEmpty();
        soft.assertThat(load.failures()).as("failed live requests of %d", load.requests()).isEmpty();
        soft.assertThat(load.requests()).as("live requests during the case").isGreaterThanOrEqualTo(FLOOR);
        soft.assertAll();
    }

    /** Two releases, so that one colour is live and the other holds a stopped earlier release. */
    private void releaseTwice(ServiceRepo repo) {
        for (int i = 1; i <= 2; i++) {
            repo.write("gantry.yml", MatrixService.gantryYml(sandbox.service(), ""));
            repo.write("case.txt", "baseline " + i + "\n");
            repo.commit("Baseline " + i);
            var run = sandbox.cli().run("run", repo.serviceDir().toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        assertThat(ProductionState.get(sandbox.proxyUrl() + PATH)).startsWith("200 release=");
    }

    private RunRecord lastRun() {
        try (Store store = Store.open(sandbox.storeUrl())) {
            return store.runs().history(sandbox.service(), 1).getFirst();
        }
    }
}
