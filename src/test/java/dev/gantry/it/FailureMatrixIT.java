package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failure-injection matrix of docs/failure-matrix.md: for every stage, the stage failing, the
 * stage passing its deadline, and each dependency it uses failing under it (GANTRY_FAILPOINTS). After
 * each case production must equal what it was before — containers by label with their state,
 * discovery, and what a real request through the proxy gets — while a load against the live
 * release sees no failed request during the whole matrix. HAProxy and etcd, the real ones.
 */
class FailureMatrixIT {
    private static final String PATH = "/tiny";

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

    @Test
    void everyInjectedFailureLeavesProductionAsItWasWhileTheLiveReleaseKeepsAnswering() throws Exception {
        sandbox.use("haproxy", EtcdKeys.ETCD);
        ServiceRepo repo = sandbox.tiny();
        releaseTwice(repo);
        List<String> results = new ArrayList<>();
        var soft = new SoftAssertions();
        try (LiveLoad load = LiveLoad.start(sandbox.proxyUrl() + PATH, Duration.ofMinutes(20))) {
            for (Case c : cases()) {
                ProductionState before = ProductionState.of(sandbox, EtcdKeys.ETCD, PATH);
                repo.write("gantry.yml", MatrixService.gantryYml(sandbox.service(), c.action().equals("hang") ? c.stage() : ""));
                repo.write("case.txt", c + "\n");
                repo.commit("Case " + c);

                var run = sandbox.cli().with("GANTRY_FAILPOINTS", c.toString()).run("run", repo.serviceDir().toString());

                ProductionState after = ProductionState.of(sandbox, EtcdKeys.ETCD, PATH);
                RunRecord last = lastRun();
                soft.assertThat(run.exitCode()).as("%s: exit code%n%s", c, run).isIn(1, 3);
                soft.assertThat(last.failedStage()).as("%s: the stage that failed%n%s", c, run).contains(c.stage());
                soft.assertThat(run.stdout() + run.stderr()).as("%s: the failure shown", c)
                        .contains(c.action().equals("hang") ? "deadline" : "injected");
                soft.assertThat(after).as("%s: production afterwards%n%s", c, run).isEqualTo(before);
                results.add(String.format("| %-16s | %-9s | %d | %-16s | %s |", c.stage(), c.action(), run.exitCode(),
                        last.failedStage().orElse("-"), after.equals(before) ? "as before" : "CHANGED"));
            }
            soft.assertThat(load.failures()).as("failed live requests of %d", load.sent()).isEmpty();
            soft.assertThat(load.sent()).as("live requests sent").isGreaterThan(100);
            results.add("live requests during the matrix: " + load.sent() + ", failed: " + load.failures().size());
        }
        Files.write(Path.of("target", "failure-matrix.txt"), results);
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
