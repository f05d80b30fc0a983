package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The crash matrix of docs/failure-matrix.md: gantry is SIGKILLed at every stage boundary and in
 * the middle of deploy and switch (a failpoint pauses it there, the test kills it); the next gantry
 * command recovers from the run journal. Before the point of no return production must equal what
 * it was before the run; after it, the new release is live and the old one retired. A load against
 * the live release sees no failed request throughout. nginx and embedded discovery, the real ones.
 */
class CrashMatrixIT {
    private static final String PATH = "/tiny";
    private static final List<String> BEFORE_NO_RETURN = List.of("checkout", "test", "build", "push", "deploy",
            "deploy.replica-started", "register", "pre-integration", "switch", "switch.routed", "post-integration");

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aRunKilledAnywhereIsUndoneOrFinishedByTheNextCommand() throws Exception {
        sandbox.use("nginx", "embedded");
        ServiceRepo repo = sandbox.tiny();
        for (int i = 1; i <= 2; i++) {
            commit(repo, "baseline " + i);
            var run = sandbox.cli().run("run", repo.serviceDir().toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        List<String> results = new ArrayList<>();
        var soft = new SoftAssertions();
        try (LiveLoad load = LiveLoad.start(sandbox.proxyUrl() + PATH, Duration.ofMinutes(20))) {
            for (String point : BEFORE_NO_RETURN) {
                ProductionState before = ProductionState.of(sandbox, "embedded", PATH);
                commit(repo, "crash at " + point);

                String recovery = killAt(point, repo);

                ProductionState after = ProductionState.of(sandbox, "embedded", PATH);
                RunRecord crashed = lastRun();
                soft.assertThat(after).as("%s: production after recovery%n%s", point, recovery).isEqualTo(before);
                soft.assertThat(crashed.state()).as("%s: the killed run", point).isEqualTo(RunState.FAILED);
                soft.assertThat(crashed.message().orElse("")).as("%s: the killed run's message", point)
                        .contains("gantry process stopped").contains("undid its changes");
                soft.assertThat(sandbox.runningContainers(Map.of("gantry.role", "test"))).as("%s: test containers", point)
                        .isEmpty();
                results.add(String.format("| killed at %-22s | %-6s | %s |", point, crashed.state().word(),
                        after.equals(before) ? "as before the run" : "CHANGED"));
            }

            ProductionState before = ProductionState.of(sandbox, "embedded", PATH);
            String release = commit(repo, "crash in cleanup");
            String recovery = killAt("cleanup", repo);
            ProductionState after = ProductionState.of(sandbox, "embedded", PATH);
            String oldColour = before.live().orElseThrow();
            soft.assertThat(after.live()).as("cleanup: the live colour%n%s", recovery).isNotEqualTo(before.live());
            soft.assertThat(after.throughProxy()).as("cleanup: through the proxy").startsWith("200 release=" + release);
            soft.assertThat(sandbox.runningContainers(Map.of("gantry.colour", oldColour))).as("cleanup: old colour").isEmpty();
            soft.assertThat(after.colours()).as("cleanup: discovery").containsOnlyKeys(after.live().orElseThrow());
            soft.assertThat(after.containers()).as("cleanup: set-aside containers").noneMatch(c -> c.contains("-aside-"));
            soft.assertThat(lastRun().state()).as("cleanup: the killed run").isEqualTo(RunState.SUCCEEDED);
            results.add(String.format("| killed at %-22s | %-6s | %s |", "cleanup", lastRun().state().word(),
                    after.live().equals(before.live()) ? "CHANGED" : "new release live, old retired"));

            soft.assertThat(load.failures()).as("failed live requests of %d", load.sent()).isEmpty();
            results.add("live requests during the matrix: " + load.sent() + ", failed: " + load.failures().size());
        }
        Files.write(Path.of("target", "crash-matrix.txt"), results);
        soft.assertAll();
    }

    /** Runs the flow, SIGKILLs it where {@code point} pauses it, then runs `gantry status`; answers what status printed. */
    private String killAt(String point, ServiceRepo repo) {
        var run = sandbox.cli().with("GANTRY_FAILPOINTS", point + "=pause").start("run", repo.serviceDir().toString());
        try {
            run.awaitStderr("failpoint " + point + ": paused", Duration.ofMinutes(3));
        } finally {
            run.kill();
        }
        var status = sandbox.cli().run("status", sandbox.service());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        return status.toString();
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
