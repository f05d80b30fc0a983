package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.server.Scope;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Logging in with an API token, the session cookie it becomes, pages that need it, and logging out. */
@BothStores
class LoginTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;
    private UiServer ui;

    @BeforeEach
    void start() {
        ui = UiServer.start(testStore.url(home));
    }

    @AfterEach
    void stop() {
        ui.close();
    }

    @Test
    void aValidTokenBecomesAnHttpOnlySameSiteStrictCookieAndTheBrowserGoesToTheOverview() {
        HttpResponse<String> answer = ui.logIn(ui.token("viewer", Scope.READ), Map.of());

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).contains("/ui/");
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).matches("gantry_session=[A-Za-z0-9_-]{43}; Path=/ui; HttpOnly; SameSite=Strict");
        assertThat(cookie).as("the session id is not the token").doesNotContain("gty_");
        assertThat(ui.get("/ui/", UiServer.cookie(answer).orElseThrow()).statusCode()).isEqualTo(200);
    }

    @Test
    void theCookieIsSecureWhenTheRequestCameOverTls() {
        HttpResponse<String> answer = ui.logIn(ui.token("viewer", Scope.READ), Map.of("X-Forwarded-Proto", "https"));

        assertThat(answer.headers().firstValue("Set-Cookie").orElseThrow()).endsWith("; Secure");
    }

    @Test
    void aWrongTokenGetsTheFormAgainWith401AndNoCookie() {
        HttpResponse<String> answer = ui.logIn("gty_not-a-token-of-this-server", Map.of());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(answer.body()).contains("role=\"alert\"", "gantry token create NAME", "name=\"token\"");
    }

    @Test
    void anExpiredTokenIsRefusedSayingSo() {
        String token = ui.tokens.create("old", Scope.READ, Optional.of(Duration.ofMinutes(-1)));

        HttpResponse<String> answer = ui.logIn(token, Map.of());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("The token old expired at");
    }

    @Test
    void aLoginPostedFromAnotherSiteIsRefusedAndOneFromThisSiteIsTaken() {
        String token = ui.token("viewer", Scope.READ);

        HttpResponse<String> foreign = ui.logIn(token, Map.of("Origin", "https://evil.example"));
        HttpResponse<String> own = ui.logIn(token, Map.of("Origin", "http://127.0.0.1:" + ui.uri("/").getPort()));

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(own.statusCode()).isEqualTo(303);
    }

    @Test
    void everyPageButTheLoginAndTheAssetsSendsAStrangerToTheLoginPage() {
        for (String path : new String[] {"/ui", "/ui/", "/ui/services/books", "/ui/runs/1", "/ui/runs/q1/events"}) {
            HttpResponse<String> answer = ui.get(path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location")).as(path).contains("/ui/login");
        }
        assertThat(ui.get("/ui/", "made-up-session-id").statusCode()).isEqualTo(303);
        assertThat(ui.get("/ui/login", null).statusCode()).isEqualTo(200);
        assertThat(ui.get("/ui/assets/gantry.css", null).statusCode()).isEqualTo(200);
        assertThat(ui.post("/ui/services/books/rollback", null, Map.of()).statusCode()).isEqualTo(303);
        assertThat(ui.queue.queue().active()).isEmpty();
    }

    @Test
    void loggingOutEndsTheSessionAndClearsTheCookie() {
        String session = ui.session("viewer", Scope.READ);

        HttpResponse<String> answer = ui.post("/ui/logout", session, Map.of("csrf", ui.csrf(session)));

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).contains("/ui/login");
        assertThat(answer.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("gantry_session=; Max-Age=0");
        assertThat(ui.get("/ui/", session).statusCode()).isEqualTo(303);
    }

    @Test
    void aLogoutWithoutTheCsrfTokenIsRefusedAndTheSessionGoesOn() {
        String session = ui.session("viewer", Scope.READ);

        assertThat(ui.post("/ui/logout", session, Map.of()).statusCode()).isEqualTo(403);
        assertThat(ui.get("/ui/", session).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedTokenEndsItsSessionsAtTheNextRequest() {
        String session = ui.session("viewer", Scope.READ);
        assertThat(ui.get("/ui/", session).statusCode()).isEqualTo(200);

        ui.tokens.revoke("viewer");
        HttpResponse<String> answer = ui.get("/ui/", session);

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).contains("/ui/login");
        assertThat(answer.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("gantry_session=; Max-Age=0");
    }
}
