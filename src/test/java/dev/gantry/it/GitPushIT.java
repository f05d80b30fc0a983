package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.it.GantryCli.Running;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code git push} with the real git client to a {@code gantry server} subprocess: a push to the
 * service's branch deploys and shows each stage as {@code remote:} lines; a push to another branch is
 * stored only; a push whose tests fail shows the failure and leaves production alone; a push without
 * a valid token stores nothing.
 */
class GitPushIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private Running server;


    @Test
    void aPushToMainDeploysAndShowsEachStageThenAFailingPushLeavesProductionAsItWas() throws Exception {
        ServiceRepo repo = sandbox.tiny();
        String remote = start();
        List<String> seenWhileBuilding = new ArrayList<>();
        Git push = git(repo, line -> {
            if (line.startsWith("remote: build: started")) {
                seenWhileBuilding.add(proxyAnswer());
            }
        }, "push", remote, "main");
        assertThat(push.exit()).as("%s", push).isZero();
        assertThat(seenWhileBuilding).as("the stage lines reached git while the run ran: the release was not live yet")
                .singleElement().asString().doesNotContain("release=" + repo.head());
        assertThat(push.output()).contains("remote: gantry: deploying " + repo.head().substring(0, 12))
                .contains("remote: build: started", "remote: build: passed", "remote: test: passed",
                        "remote: switch: passed")
                .containsPattern("remote: run \\d+ succeeded: live at http");
        assertThat(throughProxy()).contains("release=" + repo.head());
        String live = repo.head();

        repo.replace("gantry.yml", "TINY_TEST_EXIT: \"0\"", "TINY_TEST_EXIT: \"3\"");
        repo.commit("Tests that fail");
        Git failing = git(repo, "push", remote, "main");
        assertThat(failing.exit()).as("the push itself stored the commit: %s", failing).isZero();
        assertThat(failing.output()).containsPattern("remote: run \\d+ FAILED at test")
                .contains("remote: test: failed", "remote: last lines of test:")
                .doesNotContain("remote: switch: started");
        assertThat(throughProxy()).contains("release=" + live);
        assertThat(bareRef("main")).isEqualTo(repo.head());
    }

    @Test
    void aPushToAnotherBranchIsStoredAndDeploysNothing() throws Exception {
        ServiceRepo repo = sandbox.tiny();
        String remote = start();
        Git push = git(repo, "push", remote, "main:feature");
        assertThat(push.exit()).as("%s", push).isZero();
        assertThat(push.output()).contains("remote: gantry: stored refs/heads/feature; not deployed: "
                + sandbox.service() + " deploys branch main").doesNotContain("build: started");
        assertThat(bareRef("feature")).isEqualTo(repo.head());
        assertThat(sandbox.cli().ok("history", sandbox.service()).stdout()).doesNotContain(repo.head().substring(0, 12));
        assertThat(sandbox.containers()).isEmpty();
    }

    @Test
    void aPushWithoutAValidTokenIsRefusedAndStoresNothing() throws Exception {
        ServiceRepo repo = sandbox.tiny();
        String remote = start();
        Git none = git(repo, "push", remote.replaceFirst("//[^@]+@", "//"), "main");
        assertThat(none.exit()).as("%s", none).isNotZero();
        assertThat(none.output()).as("git asked for credentials, and no one could answer").contains("could not read Username");
        Git wrong = git(repo, "push", remote.replaceFirst(":gty_", ":gty_x"), "main");
        assertThat(wrong.exit()).as("%s", wrong).isNotZero();
        assertThat(wrong.output()).contains("Authentication failed");
        assertThat(sandbox.home().resolve("repos/" + sandbox.service() + ".git/refs/heads/main")).doesNotExist();
        Git unknown = git(repo, "push", remote.replace(sandbox.service() + ".git", "nosuch.git"), "main");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.output()).contains("not found");
    }

    /** Starts the server with the service known and a token; answers the remote URL with the token in it. */
    private String start() {
        String token = sandbox.cli().ok("token", "create", "pusher").stdout().strip();
        sandbox.cli().ok("service", "add", sandbox.service());
        server = sandbox.server(sandbox.cli());
        return server.url().replace("http://", "http://push:" + token + "@") + "/git/" + sandbox.service() + ".git";
    }

    private String bareRef(String branch) throws IOException {
        Path ref = sandbox.home().resolve("repos/" + sandbox.service() + ".git/refs/heads/" + branch);
        return Files.readString(ref, StandardCharsets.UTF_8).strip();
    }

    private String proxyAnswer() {
        try {
            return throughProxy();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private String throughProxy() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.proxyUrl() + "/tiny")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private record Git(int exit, String output) {
    }

    /** Runs the real git client in the repository's work tree, with no terminal or credential helper to ask. */
    private static Git git(ServiceRepo repo, String... args) throws Exception {
        return git(repo, line -> { }, args);
    }

    /** As {@link #git(ServiceRepo, String...)}, telling {@code onLine} each line of output as it comes. */
    private static Git git(ServiceRepo repo, Consumer<String> onLine, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "credential.helper=", "-c",
                "http.lowSpeedLimit=0"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(repo.workTree().toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_ASKPASS", "/bin/false");
        Process process = builder.start();
        process.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.append(line).append('\n');
                onLine.accept(line);
            }
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Git(process.exitValue(), output.toString());
    }

}
