package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.it.GantryCli.Running;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The run queue behind {@code git push}, with real git clients and a real {@code gantry server}
 * (server-parallel-runs 2): pushes to two services at once run side by side; two pushes of one
 * service run one after the other in push order; a pusher that goes away (git killed) leaves its run
 * going on to its end, and the server's log says so in one line; a push cancelled in the queue by a
 * stop runs when the server starts again. Intervals are the stored stage times.
 */
class GitPushQueueIT {
    private static final Duration LIMIT = Duration.ofMinutes(4);
    private static final String QUICK_TESTS = "env: {TINY_TEST_EXIT: \"0\"}";
    private static final String EIGHT_SECOND_TESTS = "env: {TINY_TEST_EXIT: \"0\", TINY_TEST_SECONDS: \"8\"}";
    private static final Pattern RESULT = Pattern.compile("remote: run (\\d+) succeeded: live at http");

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @RegisterExtension
    final Sandbox second = new Sandbox();

    private Running server;


    @Test
    void pushesToTwoServicesRunSideBySideAndTwoPushesOfOneServiceRunInPushOrder() throws Exception {
        ServiceRepo one = slow(sandbox.tiny());
        ServiceRepo two = slow(second.tiny());
        two.replace("gantry.yml", "path: /tiny", "path: /" + second.service());
        two.commit("Its own path");
        String token = start();
        ApiClient api = api(token);

        GitProcess pushOne = push(one, token, sandbox.service());
        GitProcess pushTwo = push(two, token, second.service());
        JsonNode runOne = succeeded(api, pushOne, one.head());
        JsonNode runTwo = succeeded(api, pushTwo, two.head());
        Span a = span(runOne);
        Span b = span(runTwo);
        assertThat(a.start()).as("the runs of two services overlap: %s and %s", a, b).isBefore(b.end());
        assertThat(b.start()).as("the runs of two services overlap: %s and %s", a, b).isBefore(a.end());

        one.write("CHANGES", "first\n");
        String first = one.commit("First of two");
        GitProcess earlier = push(one, token, sandbox.service());
        await().atMost(LIMIT).failFast("the push ended", () -> !earlier.process().isAlive())
                .until(() -> earlier.output().contains("remote: test: started"));
        one.write("CHANGES", "second\n");
        String then = one.commit("Second of two");
        GitProcess later = push(one, token, sandbox.service());
        Span firstRun = span(succeeded(api, earlier, first));
        JsonNode secondRun = succeeded(api, later, then);
        assertThat(secondRun.get("id").asLong()).as("runs in push order").isGreaterThan(runId(earlier));
        assertThat(span(secondRun).start()).as("the second push's run starts after the first's ended")
                .isAfterOrEqualTo(firstRun.end());
    }

    @Test
    void aPusherThatGoesAwayLeavesItsRunGoingOnToItsEnd() throws Exception {
        ServiceRepo repo = slow(sandbox.tiny());
        String token = start();
        ApiClient api = api(token);
        GitProcess push = push(repo, token, sandbox.service());
        await().atMost(LIMIT).failFast("the push ended", () -> !push.process().isAlive())
                .until(() -> push.output().contains("remote: test: started"));
        push.kill();
        assertThat(push.await(Duration.ofSeconds(30))).as("%s", push).isNotZero();

        await().atMost(LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> api.json("/api/v1/queue").get("runs").isEmpty());
        JsonNode run = api.json("/api/v1/services/" + sandbox.service() + "/runs").get("runs").get(0);
        assertThat(run.get("commit").asText()).isEqualTo(repo.head());
        assertThat(run.get("state").asText()).as("%s", run).isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(server.stderr()).as("the server's log")
                .contains("git push of " + sandbox.service() + " by token pusher: the pusher went away; queued run q1"
                        + " goes on without it"));
        assertThat(server.stderr()).as("one line in the server's log, no stack trace")
                .containsOnlyOnce("the pusher went away").doesNotContain("Exception", "\tat ");
    }

    @Test
    void aPushCancelledInTheQueueByAStopRunsWhenTheServerStartsAgain() throws Exception {
        ServiceRepo repo = slow(sandbox.tiny());
        String token = start();
        GitProcess running = push(repo, token, sandbox.service());
        await().atMost(LIMIT).failFast("the push ended", () -> !running.process().isAlive())
                .until(() -> running.output().contains("remote: test: started"));
        repo.replace("gantry.yml", EIGHT_SECOND_TESTS, QUICK_TESTS);
        String cancelled = repo.commit("Queued when the server stops");
        GitProcess queued = push(repo, token, sandbox.service());
        await().atMost(LIMIT).failFast("the push ended", () -> !queued.process().isAlive())
                .until(() -> queued.output().contains("(queued as q2)"));

        server.process().destroy();  // SIGTERM, as a service manager stops it
        assertThat(server.await(Duration.ofSeconds(90)).stderr()).contains("gantry server stopped");
        assertThat(queued.await(LIMIT)).as("%s", queued).isZero();
        assertThat(queued.output()).contains("cancelled: the server stopped before it started")
                .contains("remote: gantry: the commit is stored; when the server starts again it runs the head of main"
                        + " if that never ran");
        assertThat(running.await(LIMIT)).as("%s", running).isZero();
        assertThat(running.output()).as("the running run finished first").containsPattern(RESULT);

        server = sandbox.server(sandbox.cli());
        ApiClient api = api(token);
        await().atMost(LIMIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode newest = api.json("/api/v1/services/" + sandbox.service() + "/runs").get("runs").get(0);
            return newest.get("commit").asText().equals(cancelled) && !newest.get("state").asText().equals("running");
        });
        JsonNode run = api.json("/api/v1/services/" + sandbox.service() + "/runs").get("runs").get(0);
        assertThat(run.get("state").asText()).as("%s", run).isEqualTo("succeeded");
        assertThat(run.get("trigger").asText()).isEqualTo("server start (head of main never ran)");
        assertThat(api.json("/api/v1/services/" + sandbox.service()).get("liveRelease").asText()).isEqualTo(cancelled);
        assertThat(server.stderr()).contains(sandbox.service() + ": " + cancelled.substring(0, 12)
                + ", the head of branch main, was taken but never ran");
    }

    private static ServiceRepo slow(ServiceRepo repo) {
        repo.replace("gantry.yml", QUICK_TESTS, EIGHT_SECOND_TESTS);
        repo.commit("Tests that take eight seconds");
        return repo;
    }

    /** Starts the server (two runs at once) with both services known; answers a token. */
    private String start() {
        String token = sandbox.cli().ok("token", "create", "pusher").stdout().strip();
        sandbox.cli().ok("service", "add", sandbox.service());
        sandbox.cli().ok("service", "add", second.service());
        server = sandbox.server(sandbox.cli().with("GANTRY_SERVER_PARALLEL_RUNS", "2"));
        return token;
    }

    private ApiClient api(String token) {
        return new ApiClient(server.url(), token);
    }

    private GitProcess push(ServiceRepo repo, String token, String service) {
        return GitProcess.start(repo.workTree(), "push", server.url().replace("http://", "http://push:" + token + "@")
                + "/git/" + service + ".git", "main");
    }

    /** The stored run the push followed, which must have built {@code commit} and succeeded. */
    private static JsonNode succeeded(ApiClient api, GitProcess push, String commit) throws InterruptedException {
        assertThat(push.await(LIMIT)).as("%s", push).isZero();
        JsonNode run = api.json("/api/v1/runs/" + runId(push));
        assertThat(run.get("state").asText()).as("%s", run).isEqualTo("succeeded");
        assertThat(run.get("commit").asText()).isEqualTo(commit);
        assertThat(run.get("trigger").asText()).isEqualTo("git push (token pusher)");
        return run;
    }

    private static long runId(GitProcess push) {
        Matcher result = RESULT.matcher(push.output());
        assertThat(result.find()).as("a result line in %s", push).isTrue();
        return Long.parseLong(result.group(1));
    }

    /** When a run's first stage started and its last stage ended, as stored. */
    private record Span(Instant start, Instant end) {
    }

    private static Span span(JsonNode run) {
        JsonNode stages = run.get("stages");
        return new Span(Instant.parse(stages.get(0).get("startedAt").asText()),
                Instant.parse(stages.get(stages.size() - 1).get("finishedAt").asText()));
    }

}
