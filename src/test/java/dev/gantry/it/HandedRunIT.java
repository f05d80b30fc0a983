package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.it.GantryCli.Result;
import dev.gantry.it.GantryCli.Running;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gantry run} with a {@code gantry server} of the same installation, build and environment running
 * (docs/server.md, "Runs handed to the server"): the server runs it, the CLI shows its output and exits with its
 * code, a run whose CLI was killed goes on to its end, and another environment runs the flow itself.
 */
class HandedRunIT {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aCliRunIsHandedToTheServerOfTheSameEnvironmentWhichRunsItToItsEndEvenWithoutItsClient() {
        ServiceRepo repo = sandbox.tiny();
        String first = repo.head();
        Running server = sandbox.serverTakingHandedRuns(sandbox.cli());
        Path socket = sandbox.home().resolve("server.sock");
        assertThat(server.stderr()).contains("gantry run hands its runs to this server through " + socket);

        Running killed = sandbox.cli().start("run", repo.serviceDir().toString());
        await().atMost(RUN_LIMIT).until(() -> killed.stdout().contains("  deploy           started"));
        killed.kill();
        await().atMost(RUN_LIMIT).pollInterval(Duration.ofMillis(500)).until(() ->
                HistoryRows.parse(sandbox.cli().ok("history", sandbox.service()).stdout()).getFirst().result()
                        .equals("succeeded"));
        assertThat(killed.stdout()).startsWith("run handed to gantry server (pid " + server.pid() + ")");
        assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).startsWith("200 release=" + first);

        repo.write("CHANGES", "second\n");
        String second = repo.commit("Second release");
        Result handed = sandbox.cli().ok("run", repo.serviceDir().toString());
        assertThat(handed.stdout()).startsWith("run handed to gantry server (pid " + server.pid() + ")")
                .contains("run 2: " + sandbox.service()).containsPattern("run 2 passed in .* is live in ");
        HistoryRows.Row run = HistoryRows.parse(sandbox.cli().ok("history", sandbox.service()).stdout()).getFirst();
        assertThat(run.commit()).isEqualTo(second.substring(0, 12));
        assertThat(run.trigger()).hasValueSatisfying(by -> assertThat(by).startsWith("cli ("));
        assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).startsWith("200 release=" + second);

        repo.write("gantry.yml", "service: [");
        repo.commit("A gantry.yml that is no YAML");
        Result refused = sandbox.cli().run("run", repo.serviceDir().toString());
        assertThat(refused.exitCode()).as("%s", refused).isEqualTo(2);
        assertThat(refused.stdout()).startsWith("run handed to gantry server");
        assertThat(refused.stderr()).contains("error: ").contains("gantry.yml");
        Result alone = sandbox.cli().with("GANTRY_FAILPOINTS", "").run("run", repo.serviceDir().toString());
        assertThat(alone.exitCode()).as("%s", alone).isEqualTo(2);
        assertThat(alone.stdout()).as("another environment runs the flow itself").doesNotContain("handed");
        assertThat(alone.stderr()).isEqualTo(refused.stderr());

        server.process().destroy();
        Result stopped = server.await(Duration.ofSeconds(90));
        assertThat(stopped.stderr()).as("%s", stopped).contains("gantry server stopped");
        assertThat(socket).as("the server removed its socket").doesNotExist();
    }
}
