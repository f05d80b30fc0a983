package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.TestStore;
import dev.gantry.it.GantryCli.Result;
import dev.gantry.it.GantryCli.Running;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may do what, against a real {@code gantry server}, the real git client, Docker and the registry:
 * each scope refused where it must be (403 naming the scope; a push with a read token), an expired
 * token refused, a revoked token's open log stream ended, only tested images deployed unless an
 * admin says untested (and the audit shows it), 429 past the queue's bound, remotes masked, and a
 * home whose contents only its owner can read.
 */
class AccessIT {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void eachScopeIsRefusedWhereItMustBeAnExpiredTokenIsRefusedAndRemotesAreMasked() throws Exception {
        ServiceRepo repo = sandbox.tiny();
        String viewer = token("viewer", "read");
        String ci = token("ci", "deploy");
        String ops = token("ops", "admin");
        String old = token("old", "deploy");
        String remote = "http://puller:s3cret-pass@127.0.0.1:" + Sandbox.closedPort() + "/tiny.git";
        sandbox.cli().ok("service", "add", sandbox.service(), "--remote", remote);
        Running server = sandbox.server(sandbox.cli().with("GANTRY_POLL_INTERVAL", "off"));
        ApiClient api = new ApiClient(server.url(), viewer);
        String service = "/api/v1/services/" + sandbox.service();

        HttpResponse<String> services = api.get("/api/v1/services");
        assertThat(services.statusCode()).isEqualTo(200);
        assertThat(services.body()).contains("http://***@127.0.0.1:").doesNotContain("s3cret-pass");
        assertThat(sandbox.cli().ok("service", "list").stdout()).contains("http://***@127.0.0.1:")
                .doesNotContain("s3cret-pass");
        refused(api.send("POST", service + "/deploy", "{\"image\": \"x\"}"), "deploy", "viewer", "read");
        refused(api.send("POST", service + "/rollback", null), "deploy", "viewer", "read");
        refused(api.send("DELETE", service + "/lock", null), "admin", "viewer", "read");
        refused(api.withToken(ci).send("DELETE", service + "/lock", null), "admin", "ci", "deploy");
        refused(api.withToken(ci).send("POST", service + "/deploy", "{\"image\": \"x\", \"untested\": true}"),
                "admin", "ci", "deploy");
        assertThat(api.withToken(ops).send("DELETE", service + "/lock", null).statusCode()).isEqualTo(200);
        assertThat(api.withToken(ci).get(service).statusCode()).isEqualTo(200);

        assertThat(api.withToken(old).get(service).statusCode()).isEqualTo(200);
        sandbox.expireToken("old");
        HttpResponse<String> expired = api.withToken(old).get(service);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("The token old expired at");
        assertThat(sandbox.cli().ok("token", "list").stdout()).containsPattern("old +deploy .* expires \\(expired\\) ")
                .containsPattern("viewer +read .* expires never");

        String gitUrl = server.url().replace("http://", "http://x:%s@") + "/git/" + sandbox.service() + ".git";
        Git readPush = git(repo, "push", gitUrl.formatted(viewer), "main");
        assertThat(readPush.exit()).as("%s", readPush).isNotZero();
        assertThat(readPush.output()).contains("remote: Pushing needs a token of scope deploy (or higher); the token"
                + " viewer has scope read.");
        assertThat(sandbox.home().resolve("repos/" + sandbox.service() + ".git/refs/heads/main")).doesNotExist();
        Git readFetch = git(repo, "ls-remote", gitUrl.formatted(viewer));
        assertThat(readFetch.exit()).as("a read token may fetch: %s", readFetch).isZero();
        assertThat(git(repo, "ls-remote", gitUrl.formatted(old)).output()).contains("The token old expired at");
    }

    @Test
    void anImageNoRunTestedIsRefusedAndDeployedUntestedOnlyByAnAdminWhichTheAuditShows() throws Exception {
        ServiceRepo repo = sandbox.tiny();
        sandbox.cli().ok("run", repo.serviceDir().toString());
        sandbox.registry().retag(sandbox.service(), repo.head(), "by-hand");  // its integration tests come along
        sandbox.registry().retag(sandbox.service() + "-test", repo.head(), "by-hand");

        Result refused = sandbox.cli().run("deploy", sandbox.service(), "by-hand");
        assertThat(refused.exitCode()).as("%s", refused).isEqualTo(2);
        assertThat(refused.stderr()).contains(RegistryApi.ADDRESS + "/" + sandbox.service() + ":by-hand was not built"
                + " and tested by a run of " + sandbox.service()).contains("pass --untested");
        Result elsewhere = sandbox.cli().run("deploy", sandbox.service(), "registry.invalid:5000/" + sandbox.service()
                + ":" + repo.head());
        assertThat(elsewhere.exitCode()).as("%s", elsewhere).isEqualTo(2);
        assertThat(elsewhere.stderr()).contains("names the registry registry.invalid:5000, but this installation uses "
                + RegistryApi.ADDRESS).doesNotContain("Exception");
        sandbox.cli().ok("deploy", sandbox.service(), "by-hand", "--untested");

        String ci = token("ci", "deploy");
        String ops = token("ops", "admin");
        sandbox.cli().ok("service", "add", sandbox.service());
        Running server = sandbox.server(sandbox.cli().with("GANTRY_POLL_INTERVAL", "off"));
        ApiClient api = new ApiClient(server.url(), ci);
        String deploy = "/api/v1/services/" + sandbox.service() + "/deploy";
        HttpResponse<String> untested = api.send("POST", deploy, "{\"image\": \"by-hand\"}");
        assertThat(untested.statusCode()).as(untested.body()).isEqualTo(400);
        assertThat(untested.body()).contains("was not built and tested by a run of");
        HttpResponse<String> otherRegistry = api.send("POST", deploy, "{\"image\": \"registry.invalid:5000/x:1\"}");
        assertThat(otherRegistry.statusCode()).isEqualTo(400);
        assertThat(otherRegistry.body()).contains("names the registry registry.invalid:5000");
        JsonNode queued = ApiClient.parse(api.withToken(ops).send("POST", deploy,
                "{\"image\": \"by-hand\", \"untested\": true}"), 202);
        JsonNode end = awaitEnd(api, queued);
        assertThat(end.get("succeeded").asBoolean()).as("%s", end).isTrue();

        String audit = sandbox.cli().ok("audit", sandbox.service()).stdout();
        assertThat(audit).contains("api (token ops), untested image").containsPattern("cli \\([^)]+\\), untested image");
        assertThat(sandbox.cli().ok("history", sandbox.service()).stdout()).contains("by-hand");
    }

    @Test
    void revokingATokenEndsItsOpenLogStreamAndTheQueueRefusesPastItsBound() throws Exception {
        ServiceRepo repo = sandbox.tiny();
        sandbox.cli().ok("run", repo.serviceDir().toString());
        String ci = token("ci", "deploy");
        String viewer = token("viewer", "read");
        sandbox.cli().ok("service", "add", sandbox.service());
        Running server = sandbox.server(sandbox.cli().with("GANTRY_POLL_INTERVAL", "off")
                .with("GANTRY_FAILPOINTS", "deploy.replica-started=pause").with("GANTRY_SERVER_MAX_QUEUED_RUNS", "1")
                .with("GANTRY_SERVER_MAX_LOG_STREAMS", "1"));
        ApiClient api = new ApiClient(server.url(), ci);
        String service = "/api/v1/services/" + sandbox.service();

        JsonNode running = ApiClient.parse(api.send("POST", service + "/deploy", "{\"image\": \"" + repo.head() + "\"}"),
                202);
        server.awaitStderr("failpoint deploy.replica-started: paused", RUN_LIMIT);
        ApiClient.parse(api.send("POST", service + "/rollback", null), 202);
        HttpResponse<String> full = api.send("POST", service + "/rollback", null);
        assertThat(full.statusCode()).as(full.body()).isEqualTo(429);
        assertThat(full.body()).contains("The run queue is full: 1 requests wait already (server-max-queued-runs)");
        repo.write("CHANGES", "pushed while the queue is full\n");
        repo.commit("Pushed while the queue is full");
        Git push = git(repo, "push", server.url().replace("http://", "http://x:" + ci + "@") + "/git/"
                + sandbox.service() + ".git", "main");
        assertThat(push.exit()).as("the commit is stored: %s", push).isZero();
        assertThat(push.output()).contains("is stored but not deployed: The run queue is full");

        ApiClient.EventStream stream = api.withToken(viewer).stream("/api/v1/runs/q" + running.get("queueId").asLong()
                + "/log");
        await().atMost(Duration.ofSeconds(30)).until(() -> !stream.events.isEmpty());
        assertThat(stream.done).as("the stream is open while the run is paused").isNotDone();
        HttpResponse<String> second = api.get("/api/v1/runs/q" + running.get("queueId").asLong() + "/log");
        assertThat(second.statusCode()).as("one stream at most: %s", second.body()).isEqualTo(429);
        assertThat(second.body()).contains("(server-max-log-streams)");
        sandbox.cli().ok("token", "revoke", "viewer");
        stream.done.orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(stream.events.getLast().name()).isEqualTo("revoked");
        assertThat(stream.events.getLast().data().get("message").asText())
                .startsWith("the token viewer was revoked, so this stream ends");
        assertThat(api.withToken(viewer).get("/api/v1/queue").statusCode()).isEqualTo(401);
        ApiClient.EventStream again = api.stream("/api/v1/runs/q" + running.get("queueId").asLong() + "/log");
        await("the ended stream gave its place back").atMost(Duration.ofSeconds(30)).until(() -> !again.events.isEmpty());
        server.kill();
    }

    @Test
    void everythingGantryWroteInItsHomeIsTheOwnersOnlyAndAReadableConfigIsWarnedAbout() throws Exception {
        ServiceRepo repo = sandbox.tiny();
        Files.createDirectories(sandbox.home());
        Files.writeString(sandbox.home().resolve("config.yml"), "# nothing set\n");
        Files.setPosixFilePermissions(sandbox.home().resolve("config.yml"), PosixFilePermissions.fromString("rw-r--r--"));

        Result run = sandbox.cli().ok("run", repo.serviceDir().toString());

        assertThat(run.stderr()).containsOnlyOnce("warning: " + sandbox.home().resolve("config.yml")
                + " is readable or writable by group or others (mode rw-r--r--)");
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(sandbox.home())) {
            for (Path path : all.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                if (!path.getFileName().toString().equals("config.yml") && mode.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                    open.add(sandbox.home().relativize(path) + " " + PosixFilePermissions.toString(mode));
                }
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.home()))).isEqualTo("rwx------");
        assertThat(sandbox.home().resolve("logs")).isDirectory();
        if (!TestStore.postgres()) {
            assertThat(sandbox.home().resolve("gantry.db")).isRegularFile();  // the store's file was walked too
        }
        assertThat(open).as("what group or others may use under GANTRY_HOME").isEmpty();
    }

    private String token(String name, String scope) {
        return sandbox.cli().ok("token", "create", name, "--scope", scope).stdout().strip();
    }

    private static void refused(HttpResponse<String> answer, String needs, String token, String scope) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        JsonNode body = ApiClient.parse(answer, 403);
        assertThat(body.get("needs").asText()).isEqualTo(needs);
        assertThat(body.get("scope").asText()).isEqualTo(scope);
        assertThat(body.get("error").asText()).contains("needs a token of scope " + needs + " (or higher); the token "
                + token + " has scope " + scope);
    }

    private static JsonNode awaitEnd(ApiClient api, JsonNode queued) {
        String path = "/api/v1/runs/q" + queued.get("queueId").asLong();
        await().atMost(RUN_LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> api.json(path).get("queue").get("state").asText().equals("done"));
        return api.json(path).get("queue");
    }

    private record Git(int exit, String output) {
    }

    /** The real git client in the repository's work tree ({@link GitProcess}), run to its end. */
    private static Git git(ServiceRepo repo, String... args) throws InterruptedException {
        GitProcess git = GitProcess.start(repo.workTree(), args);
        return new Git(git.await(Duration.ofMinutes(2)), git.output());
    }
}
