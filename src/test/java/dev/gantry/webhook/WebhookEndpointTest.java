package dev.gantry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.git.RemoteFetch;
import dev.gantry.store.Store;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint's checks in their order, over HTTP on a real Jetty, with a store and no service that
 * matches (so nothing is fetched or queued): which answer each kind of request gets.
 */
@BothStores
class WebhookEndpointTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final String SECRET = "0123456789abcdef-test";
    private static final String GITLAB_TOKEN = "gitlab-token-fedcba9876543210";
    private static final WebhookCredentials BOTH = new WebhookCredentials(Optional.of(SECRET), Optional.of(GITLAB_TOKEN));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;
    private Store store;
    private Javalin app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void itChecksTheForgesOwnCredentialsOnItsOwnPathsAndLeavesEveryOtherHookToTheBearerCheck() {
        var endpoint = new WebhookEndpoint(BOTH, null, null, null, null, new PrintStream(OutputStream.nullOutputStream()));

        assertThat(endpoint.ownAuthPrefixes()).containsExactlyInAnyOrder("/hooks/github", "/hooks/gitlab", "/hooks/gitea");
        assertThat(endpoint.ownAuthPrefixes()).noneMatch("/hooks/alertmanager"::startsWith);
    }

    @Test
    void withoutASecretHooksAreOffAndSaySo() throws Exception {
        start(WebhookCredentials.NONE);

        HttpResponse<String> answer = post("github", signed(Forge.GITHUB, Payloads.push(Forge.GITHUB)), Payloads.push(Forge.GITHUB));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("webhook-secret", "GANTRY_WEBHOOK_SECRET");
    }

    @Test
    void gitlabNeedsItsOwnTokenAndTheHmacSecretAloneNoLongerServesIt() throws Exception {
        start(new WebhookCredentials(Optional.of(SECRET), Optional.empty()));
        byte[] body = Payloads.push(Forge.GITLAB);

        HttpResponse<String> withTheOldSecret = post("gitlab", HttpRequest.newBuilder().header("X-Gitlab-Token", SECRET)
                .header("X-Gitlab-Event-UUID", "g-1").header("X-Gitlab-Event", "Push Hook"), body);

        assertThat(withTheOldSecret.statusCode()).isEqualTo(503);
        assertThat(withTheOldSecret.body()).contains("set webhook-gitlab-token", "GANTRY_WEBHOOK_GITLAB_TOKEN",
                "webhook-secret alone no longer serves GitLab");
        assertThat(post("github", signed(Forge.GITHUB, Payloads.push(Forge.GITHUB)), Payloads.push(Forge.GITHUB))
                .statusCode()).as("GitHub still works with webhook-secret").isEqualTo(202);
    }

    @Test
    void eachForgeIsProvenOnlyByItsOwnSetting() throws Exception {
        start(BOTH);
        byte[] gitlab = Payloads.push(Forge.GITLAB);
        byte[] github = Payloads.push(Forge.GITHUB);

        assertThat(post("gitlab", HttpRequest.newBuilder().header("X-Gitlab-Token", SECRET)
                .header("X-Gitlab-Event-UUID", "g-2"), gitlab).statusCode()).as("the HMAC secret as GitLab's token")
                .isEqualTo(401);
        String signedWithTheToken = "sha256=" + HexFormat.of().formatHex(Forge.hmacSha256(GITLAB_TOKEN, github));
        assertThat(post("github", HttpRequest.newBuilder().header("X-Hub-Signature-256", signedWithTheToken)
                .header("X-GitHub-Delivery", "h-1").header("X-GitHub-Event", "push"), github).statusCode())
                .as("GitHub signed with GitLab's token").isEqualTo(401);
        assertThat(post("gitlab", signed(Forge.GITLAB, gitlab), gitlab).statusCode()).isEqualTo(202);
    }

    @Test
    void unsignedWronglySignedAndWithoutDeliveryAreRefused() throws Exception {
        start(BOTH);
        byte[] body = Payloads.push(Forge.GITHUB);

        assertThat(post("github", HttpRequest.newBuilder(), body).statusCode()).isEqualTo(401);
        assertThat(post("gitlab", HttpRequest.newBuilder().header("X-Gitlab-Token", "not-the-secret-at-all")
                .header("X-Gitlab-Event-UUID", "x"), body).statusCode()).isEqualTo(401);
        assertThat(post("gitea", HttpRequest.newBuilder().header("X-Gitea-Signature", "00".repeat(32))
                .header("X-Gitea-Delivery", "x"), body).statusCode()).isEqualTo(401);
        assertThat(post("github", HttpRequest.newBuilder().header("X-Hub-Signature-256", "sha256=" + hmac(body))
                .header("X-GitHub-Event", "push"), body).statusCode()).isEqualTo(400);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithOrWithoutContentLength() throws Exception {
        start(BOTH);
        byte[] big = new byte[BoundedBody.LIMIT + 1];

        assertThat(post("github", signed(Forge.GITHUB, big), big).statusCode()).isEqualTo(413);
        HttpRequest chunked = signed(Forge.GITHUB, big).uri(uri("github"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        assertThat(HTTP.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
    }

    @Test
    void aDeliveryIsTakenOnceAndASignedPushWithoutServiceSaysWhy() throws Exception {
        start(BOTH);
        for (Forge forge : Forge.values()) {
            byte[] body = Payloads.push(forge);
            HttpRequest.Builder request = signed(forge, body);

            HttpResponse<String> first = post(forge.word(), request, body);
            HttpResponse<String> again = post(forge.word(), request, body);

            assertThat(first.statusCode()).as("%s: %s", forge, first.body()).isEqualTo(202);
            assertThat(first.body()).contains("\"queued\":[]", "no service has remote https://");
            assertThat(again.statusCode()).isEqualTo(409);
        }
    }

    @Test
    void aPingIsAnsweredAndOtherEventsAreIgnored() throws Exception {
        start(BOTH);
        byte[] body = "{\"zen\":\"Keep it logically awesome.\"}".getBytes();

        HttpResponse<String> ping = post("github", signed(Forge.GITHUB, body).setHeader("X-GitHub-Event", "ping"), body);
        HttpResponse<String> issue = post("github", signed(Forge.GITHUB, body).setHeader("X-GitHub-Event", "issues"), body);

        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).contains("pong");
        assertThat(issue.statusCode()).isEqualTo(202);
        assertThat(issue.body()).contains("ignored");
    }

    private void start(WebhookCredentials credentials) {
        store = Store.open(testStore.url(home));
        var endpoint = new WebhookEndpoint(credentials, store.services(), store.webhookDeliveries(),
                new RemoteFetch(home.resolve("repos"), store.services()), null,
                new PrintStream(OutputStream.nullOutputStream()));
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            endpoint.mount(config);
        }).start("127.0.0.1", 0);
    }

    /** A request signed as {@code forge} signs {@code body}, with a new delivery id and the push event. */
    private static HttpRequest.Builder signed(Forge forge, byte[] body) {
        String signature = switch (forge) {
            case GITHUB -> "sha256=" + hmac(body);
            case GITEA -> hmac(body);
            case GITLAB -> GITLAB_TOKEN;
        };
        return HttpRequest.newBuilder().header(forge.signatureHeader, signature)
                .header(forge.deliveryHeader, UUID.randomUUID().toString()).header(forge.eventHeader, forge.pushEvent)
                .header("Content-Type", "application/json");
    }

    private static String hmac(byte[] body) {
        return HexFormat.of().formatHex(Forge.hmacSha256(SECRET, body));
    }

    private HttpResponse<String> post(String forge, HttpRequest.Builder request, byte[] body) throws Exception {
        return HTTP.send(request.uri(uri(forge)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String forge) {
        return URI.create("http://127.0.0.1:" + app.port() + "/hooks/" + forge);
    }
}
