package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.it.GantryCli.Running;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Forge webhooks to a {@code gantry server} subprocess, with a bare repository made by the real git
 * CLI standing for the forge (its file:// URL is the service's remote and the payload's clone URL):
 * a push from GitHub, GitLab and Gitea in turn each fetches its commit and deploys it; unsigned,
 * wrongly signed, oversized and replayed deliveries are refused and start nothing, and so is an older
 * commit's signed body sent again under a new delivery id (only the branch's head deploys).
 */
class WebhookIT {
    private static final String SECRET = "webhook-it-secret-0123456789";
    private static final String GITLAB_TOKEN = "webhook-it-gitlab-token-9876543210";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private Running server;


    @Test
    void eachForgesPushDeploysItsCommitAndBadDeliveriesStartNothing() throws Exception {
        ServiceRepo repo = sandbox.tiny();
        Path forge = sandbox.directory("forge").resolve("tiny.git");
        git(sandbox.directory("forge"), "init", "--quiet", "--bare", forge.toString());
        String remote = forge.toUri().toString();
        git(repo.workTree(), "push", "--quiet", remote, "HEAD:refs/heads/main");
        String token = sandbox.cli().ok("token", "create", "it").stdout().strip();
        sandbox.cli().ok("service", "add", sandbox.service(), "--remote", remote, "--branch", "main");
        String base = start();
        ApiClient api = new ApiClient(base, token);

        String first = repo.head();
        String github = payload("repository", "clone_url", remote, first);
        assertThat(post(base, "github", List.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "u1"), github))
                .as("unsigned").extracting(HttpResponse::statusCode).isEqualTo(401);
        assertThat(post(base, "github", List.of("X-Hub-Signature-256", "sha256=" + hmac("another-secret-0123456",
                github), "X-GitHub-Event", "push", "X-GitHub-Delivery", "w1"), github))
                .as("wrongly signed").extracting(HttpResponse::statusCode).isEqualTo(401);
        String huge = "{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        assertThat(post(base, "github", githubHeaders("o1", huge), huge))
                .as("oversized").extracting(HttpResponse::statusCode).isEqualTo(413);

        List<String> delivery = githubHeaders(UUID.randomUUID().toString(), github);
        HttpResponse<String> accepted = post(base, "github", delivery, github);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).as("queued, or still fetching on a loaded machine")
                .containsAnyOf("\"queued\":[\"" + sandbox.service() + "\"]", "\"fetching\":[\"" + sandbox.service() + "\"]");
        awaitSucceeded(api, first, "webhook github");
        assertThat(post(base, "github", delivery, github)).as("replayed")
                .extracting(HttpResponse::statusCode).isEqualTo(409);

        String second = commitAndPush(repo, remote, "2");
        String gitlab = payload("project", "git_http_url", remote, second);
        assertThat(post(base, "gitlab", List.of("X-Gitlab-Token", GITLAB_TOKEN, "X-Gitlab-Event", "Push Hook",
                "X-Gitlab-Event-UUID", UUID.randomUUID().toString()), gitlab).statusCode()).isEqualTo(202);
        awaitSucceeded(api, second, "webhook gitlab");

        String third = commitAndPush(repo, remote, "3");
        String gitea = payload("repository", "clone_url", remote, third);
        assertThat(post(base, "gitea", List.of("X-Gitea-Signature", hmac(SECRET, gitea), "X-Gitea-Event", "push",
                "X-Gitea-Delivery", UUID.randomUUID().toString()), gitea).statusCode()).isEqualTo(202);
        awaitSucceeded(api, third, "webhook gitea");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.proxyUrl() + "/tiny")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("release=" + third);

        HttpResponse<String> replayed = post(base, "github", githubHeaders(UUID.randomUUID().toString(), github), github);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(202);
        assertThat(replayed.body()).as("the first commit's signed body again, under a new delivery id").contains("\"queued\":[]");
        if (!replayed.body().contains("\"fetching\":[\"" + sandbox.service() + "\"]")) {  // answered within REPLY_WAIT
            assertThat(replayed.body()).contains("Commit " + first + " is not run: it is not the head of branch main",
                    "the head is " + third, "It is an older commit of the branch");
        }
        server.awaitStderr(first + " of " + sandbox.service() + " not run: Commit " + first
                + " is not run: it is not the head of branch main", Duration.ofSeconds(10));
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.proxyUrl() + "/tiny")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).as("the older release is not back").contains("release=" + third);

        JsonNode runs = api.json("/api/v1/services/" + sandbox.service() + "/runs").get("runs");
        assertThat(runs).as("only the three valid deliveries ran: %s", runs).hasSize(3);
    }

    private void awaitSucceeded(ApiClient api, String commit, String trigger) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .failFast("gantry server ended", () -> !server.process().isAlive())
                .untilAsserted(() -> {
                    JsonNode runs = api.json("/api/v1/services/" + sandbox.service() + "/runs").get("runs");
                    JsonNode run = null;
                    for (JsonNode each : runs) {
                        if (each.get("commit").asText().startsWith(commit.substring(0, 12))) {
                            run = each;
                        }
                    }
                    assertThat(run).as("a run of %s in %s (server log: %s)", commit, runs, server.stderr()).isNotNull();
                    assertThat(run.get("trigger").asText()).startsWith(trigger);
                    assertThat(run.get("state").asText()).as("%s", run).isEqualTo("succeeded");
                });
    }

    private static String commitAndPush(ServiceRepo repo, String remote, String note) throws Exception {
        repo.write("webhook-note.txt", note + "\n");
        String commit = repo.commit("Webhook note " + note);
        git(repo.workTree(), "push", "--quiet", remote, "HEAD:refs/heads/main");
        return commit;
    }

    private static String payload(String repositoryKey, String urlKey, String remote, String commit) {
        return "{\"ref\":\"refs/heads/main\",\"before\":\"" + "1".repeat(40) + "\",\"after\":\"" + commit
                + "\",\"" + repositoryKey + "\":{\"name\":\"tiny\",\"" + urlKey + "\":\"" + remote + "\"}}";
    }

    private static List<String> githubHeaders(String delivery, String body) {
        return List.of("X-Hub-Signature-256", "sha256=" + hmac(SECRET, body), "X-GitHub-Event", "push",
                "X-GitHub-Delivery", delivery);
    }

    private static HttpResponse<String> post(String base, String forge, List<String> headers, String body)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + "/hooks/" + forge))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the server with the webhook secret and polling off (every run must come from a delivery); answers its base URL. */
    private String start() {
        server = sandbox.server(sandbox.cli().with("GANTRY_WEBHOOK_SECRET", SECRET)
                .with("GANTRY_WEBHOOK_GITLAB_TOKEN", GITLAB_TOKEN).with("GANTRY_POLL_INTERVAL", "off"));
        return server.url();
    }

    /** Runs the real git CLI in {@code dir}; it must succeed. */
    private static void git(Path dir, String... args) throws Exception {
        var command = new ArrayList<>(List.of("git", "-c", "init.defaultBranch=main", "-c",
                "protocol.file.allow=always"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("git %s: %s", String.join(" ", args), output).isZero();
    }

}
