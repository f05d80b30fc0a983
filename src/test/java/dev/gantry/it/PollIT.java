package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.it.GantryCli.Running;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Polling as the fallback trigger: a {@code gantry server} subprocess polling every second deploys the
 * commits that reach the service's remote (a bare repository the real git client pushes to), with no
 * push to the server and no webhook.
 */
class PollIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private Running server;


    @Test
    void eachCommitThatReachesTheRemoteIsDeployedOnce() throws Exception {
        ServiceRepo repo = sandbox.tiny();
        Path remote = sandbox.home().resolveSibling("remote.git");
        git(repo.workTree().getParent(), "init", "--bare", "-b", "main", remote.toString());
        git(repo.workTree(), "push", remote.toString(), "main");
        ApiClient api = start(remote.toUri().toString());

        String first = repo.head();
        JsonNode firstRun = awaitSucceededRun(api, first);
        assertThat(firstRun.get("trigger").asText()).isEqualTo("poll (" + remote.toUri() + ")");

        repo.write("README", "a second commit\n");
        String second = repo.commit("Second commit");
        git(repo.workTree(), "push", remote.toString(), "main");
        awaitSucceededRun(api, second);

        assertThat(runs(api)).as("one run per commit, none queued twice").hasSize(2);
        assertThat(server.stderr()).contains("polling " + sandbox.service() + ": branch main of " + remote.toUri()
                + " is at " + second.substring(0, 12) + "; queued its run");
    }

    /** Starts the server polling every second, with the service known by its remote; answers its API client. */
    private ApiClient start(String remoteUrl) {
        String token = sandbox.cli().ok("token", "create", "poller").stdout().strip();
        sandbox.cli().ok("service", "add", sandbox.service(), "--remote", remoteUrl, "--branch", "main");
        server = sandbox.server(sandbox.cli().with("GANTRY_POLL_INTERVAL", "1s"));
        return new ApiClient(server.url(), token);
    }

    private JsonNode awaitSucceededRun(ApiClient api, String commit) {
        return await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .failFast("gantry server ended", () -> !server.process().isAlive())
                .failFast("the run of " + commit + " failed", () -> run(api, commit)
                        .filter(run -> run.get("state").asText().equals("failed")).isPresent())
                .until(() -> run(api, commit), found -> found.filter(run -> run.get("state").asText()
                        .equals("succeeded")).isPresent())
                .orElseThrow();
    }

    private Optional<JsonNode> run(ApiClient api, String commit) {
        return runs(api).stream().filter(run -> run.get("commit").asText().equals(commit)).findFirst();
    }

    private List<JsonNode> runs(ApiClient api) {
        JsonNode runs = api.json("/api/v1/services/" + sandbox.service() + "/runs").get("runs");
        return StreamSupport.stream(runs.spliterator(), false).toList();
    }

    /** Runs the real git client in {@code dir}. */
    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("git %s: %s", String.join(" ", args), output).isZero();
    }

}
