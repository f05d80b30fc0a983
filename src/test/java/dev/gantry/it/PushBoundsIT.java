package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.it.GantryCli.Running;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The git endpoint's refusals end to end, with the real git client against a real {@code gantry
 * server} (server-max-pushes 1): a push past the bound is refused with git showing why and stores
 * nothing, whether the bound is reached before git's advertisement or between it and the pack, and
 * the next push goes through once the open one ended; a token revoked while its push follows the run
 * ends the push within seconds with a last line saying so, and the run goes on to its end; an expired
 * token cannot push.
 */
class PushBoundsIT {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
    /** Two looks at the token ({@code TokenWatch.EVERY}, 3 s) and room for a busy machine. */
    private static final Duration REVOKED_PUSH_ENDS = Duration.ofSeconds(15);
    /** Longer than the revoke, its noticing and the push's end together, so the run is still testing then. */
    private static final String SLOW_TESTS = "env: {TINY_TEST_EXIT: \"0\", TINY_TEST_SECONDS: \"12\"}";
    private static final String BUSY = "The server already has 1 push open, as many as it may (server-max-pushes):"
            + " push again in a moment.";

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private Running server;

    /*
     * The open push is a receive-pack request held on a raw socket (HeldPush), not a push following a
     * run: it holds its place until the test lets go, whatever the machine's speed, and needs no run.
     */
    @Test
    void aPushPastServerMaxPushesIsRefusedBeforeOrAfterTheAdvertisementWithGitShowingWhyAndOnceTheOpenPushEndedOneGoesThrough()
            throws Exception {
        ServiceRepo repo = sandbox.tiny();
        String token = start("pusher");
        String remote = remote(token);

        try (HeldPush held = hold(token)) {
            GitProcess refused = GitProcess.start(repo.workTree(), "push", remote, "main");
            assertThat(refused.await(Duration.ofMinutes(1))).as("%s", refused).isNotZero();
            assertThat(refused.output()).contains("remote: " + BUSY).contains("429");
            assertThat(held.finish()).as("the held push ends as a push of nothing").startsWith("HTTP/1.1 200");
        }
        GitProcess late = pushWhenThePlaceGoesAfterTheAdvertisement(repo, remote, token);
        assertThat(late.output()).contains("remote: " + BUSY)
                .contains("! [remote rejected] main -> main (too many pushes open (server-max-pushes))");
        assertThat(bare().resolve("refs/heads/main")).as("the refused pushes stored nothing").doesNotExist();
        ApiClient api = new ApiClient(server.url(), token);
        assertThat(api.json("/api/v1/services/" + sandbox.service() + "/runs").get("runs")).as("no run").isEmpty();
        assertThat(api.json("/api/v1/queue").get("runs")).as("nothing queued").isEmpty();

        await("the ended push gave its place back").atMost(Duration.ofSeconds(30))
                .until(() -> advertisement(token) == 200);
        GitProcess again = GitProcess.start(repo.workTree(), "push", remote, "main:refs/heads/after");
        assertThat(again.await(Duration.ofMinutes(1))).as("%s", again).isZero();
        assertThat(again.output()).contains("remote: gantry: stored refs/heads/after; not deployed");
        assertThat(Files.readString(bare().resolve("refs/heads/after"), StandardCharsets.UTF_8).strip())
                .isEqualTo(repo.head());
    }

    @Test
    void aTokenRevokedWhileItsPushFollowsTheRunEndsThePushWithinSecondsTheRunGoesOnAndAnExpiredTokenCannotPush()
            throws Exception {
        ServiceRepo repo = sandbox.tiny();
        repo.replace("gantry.yml", "env: {TINY_TEST_EXIT: \"0\"}", SLOW_TESTS);
        String commit = repo.commit("Tests that take twelve seconds");
        String token = start("pusher");
        String other = sandbox.cli().ok("token", "create", "other").stdout().strip();
        ApiClient api = new ApiClient(server.url(), other);

        GitProcess push = GitProcess.start(repo.workTree(), "push", remote(token), "main");
        await().atMost(RUN_LIMIT).failFast("the push ended", () -> !push.process().isAlive())
                .until(() -> push.output().contains("remote: test: started"));
        sandbox.cli().ok("token", "revoke", "pusher");
        await("the revoked push ends").atMost(REVOKED_PUSH_ENDS).until(() -> !push.process().isAlive());

        assertThat(push.await(Duration.ofSeconds(5))).as("the commit was stored: %s", push).isZero();
        List<String> remoteLines = push.output().lines().filter(line -> line.startsWith("remote: ")).toList();
        assertThat(remoteLines.getLast()).as("%s", push).startsWith("remote: gantry: the token pusher was revoked, so"
                + " this push stops following run q1; the run goes on (follow it with a valid token:"
                + " GET /api/v1/runs/q1)");
        assertThat(push.output()).as("it ended before its run did").doesNotContainPattern("remote: run \\d+ ");
        GitProcess next = GitProcess.start(repo.workTree(), "push", remote(other), "main:refs/heads/next");
        assertThat(next.await(Duration.ofMinutes(1))).as("the revoked push gave its place back: %s", next).isZero();

        await("the run goes on to its end").atMost(RUN_LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> api.json("/api/v1/runs/q1").get("queue").get("state").asText().equals("done"));
        JsonNode run = api.json("/api/v1/services/" + sandbox.service() + "/runs").get("runs").get(0);
        assertThat(run.get("state").asText()).as("%s", run).isEqualTo("succeeded");
        assertThat(run.get("commit").asText()).isEqualTo(commit);
        assertThat(sandbox.cli().ok("history", sandbox.service()).stdout()).contains(commit.substring(0, 12));

        sandbox.expireToken("other");
        repo.write("CHANGES", "pushed with an expired token\n");
        repo.commit("Pushed with an expired token");
        GitProcess expired = GitProcess.start(repo.workTree(), "push", remote(other), "main");
        assertThat(expired.await(Duration.ofMinutes(1))).as("%s", expired).isNotZero();
        assertThat(expired.output()).contains("remote: The token other expired at").contains("Authentication failed");
        assertThat(Files.readString(bare().resolve("refs/heads/main"), StandardCharsets.UTF_8).strip())
                .as("the expired token's push stored nothing").isEqualTo(commit);
    }

    /** Holds a push open on a raw socket and waits until the server has no place left. */
    private HeldPush hold(String token) {
        HeldPush held = HeldPush.open(server.url(), sandbox.service(), token);
        await("the held push took the only place").atMost(Duration.ofSeconds(30))
                .until(() -> advertisement(token) == 429);
        return held;
    }

    /**
     * A push whose advertisement finds a free place, which another push takes before this one sends its
     * pack: git's pre-push hook runs between the two requests, and waits there until the test says go.
     */
    private GitProcess pushWhenThePlaceGoesAfterTheAdvertisement(ServiceRepo repo, String remote, String token)
            throws Exception {
        Path signals = sandbox.directory("signals");
        Path hook = repo.workTree().resolve(".git/hooks/pre-push");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, """
                #!/bin/sh
                cat > /dev/null
                : > '%1$s/advertised'
                i=0
                while [ ! -e '%1$s/go' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
                """.formatted(signals), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        try {
            GitProcess push = GitProcess.start(repo.workTree(), "push", remote, "main");
            await("git read the advertisement").atMost(Duration.ofSeconds(30))
                    .failFast("the push ended", () -> !push.process().isAlive())
                    .until(() -> Files.exists(signals.resolve("advertised")));
            try (HeldPush held = hold(token)) {
                Files.createFile(signals.resolve("go"));
                assertThat(push.await(Duration.ofMinutes(1))).as("%s", push).isNotZero();
                assertThat(held.finish()).startsWith("HTTP/1.1 200");
            }
            return push;
        } finally {
            Files.delete(hook);
        }
    }

    /** Creates token {@code name} (scope deploy), adds the service and starts the server with one push at most. */
    private String start(String name) {
        String token = sandbox.cli().ok("token", "create", name).stdout().strip();
        sandbox.cli().ok("service", "add", sandbox.service());
        server = sandbox.server(sandbox.cli().with("GANTRY_SERVER_MAX_PUSHES", "1"));
        return token;
    }

    private String remote(String token) {
        return server.url().replace("http://", "http://push:" + token + "@") + "/git/" + sandbox.service() + ".git";
    }

    private Path bare() {
        return sandbox.home().resolve("repos/" + sandbox.service() + ".git");
    }

    /** The status of the push advertisement ({@code info/refs?service=git-receive-pack}), git's first request. */
    private int advertisement(String token) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString(("push:" + token).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(server.url() + "/git/" + sandbox.service()
                + ".git/info/refs?service=git-receive-pack")).header("Authorization", "Basic " + credentials).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
