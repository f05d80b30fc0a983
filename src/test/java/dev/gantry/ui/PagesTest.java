package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.discovery.Colour;
import dev.gantry.heal.CrashLoopGuard;
import dev.gantry.server.Scope;
import dev.gantry.store.NewRun;
import dev.gantry.store.RequestPeriod;
import dev.gantry.store.RunState;
import dev.gantry.store.StageState;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the overview, a service's history and a run's page show, with hostile text from outside (a commit title with
 * a script, quotes and an ampersand; a branch and a log with terminal escape sequences) escaped everywhere.
 */
@BothStores
class PagesTest {
    static final String HOSTILE_TITLE = "<script>alert(1)</script>\"'&";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");
    private static final Pattern EVENT_HANDLER = Pattern.compile("\\son[a-z]+\\s*=");

    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;
    private UiServer ui;
    private String session;

    @BeforeEach
    void start() {
        ui = UiServer.start(testStore.url(home));
        session = ui.session("viewer", Scope.READ);
    }

    @AfterEach
    void stop() {
        ui.close();
    }

    @Test
    void theOverviewHasARowPerServiceWithItsLiveReleaseReplicasAndLastRunTitlesEscaped() {
        ui.service("books", "main");
        ui.service("authors", "main");
        long live = ui.releases("books", HOSTILE_TITLE);

        String page = ui.get("/ui/", session).body();

        assertThat(page).contains("href=\"/ui/services/books\"", "href=\"/ui/services/authors\"",
                "colour-blue", UiServer.LIVE_COMMIT.substring(0, 12), "2 healthy on 10.0.0.5",
                "href=\"/ui/runs/" + live + "\"", "run " + live, "succeeded", "not live", "none yet");
        assertHostileTitleEscaped(page);
    }

    @Test
    void theOverviewAndTheServicePageSayHowManyReplicasAnswerOfThoseTheLiveReleaseShouldRun() {
        ui.service("books", "main");
        ui.releases("books", "Add the shelf");
        ui.scaled("books", 3);

        String overview = ui.get("/ui/", session).body();

        assertThat(overview).contains("<strong class=\"replicas-short\">2 of 3 healthy on 10.0.0.5</strong>");
        assertThat(ui.get("/ui/services/books", session).body()).contains("(2 of 3 healthy on 10.0.0.5)");

        ui.scaled("books", 2);
        assertThat(ui.get("/ui/", session).body()).contains("2 of 2 healthy on 10.0.0.5").doesNotContain("replicas-short");

        ui.discovery.put("books", Colour.BLUE, ui.discovery.colour("books", Colour.BLUE).orElseThrow()
                .withInstances(List.of()));
        assertThat(ui.get("/ui/", session).body()).contains("<strong class=\"replicas-short\">none of 2 healthy</strong>");
    }

    @Test
    void theOverviewDrawsEachServicesLastHourOfRequestsWithTheSameInWordsAndNothingWithoutFigures() {
        ui.service("books", "main");
        ui.service("authors", "main");
        await("a minute with 3 s left, so that the page is drawn in the minute the figures are written for")
                .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> Instant.now().getEpochSecond() % 60 < 57);
        Instant end = RequestRates.end(Instant.now());
        figures("books", "blue", end.minusSeconds(60), 360, 6);        // the newest minute: 600 in two colours, 10/s
        figures("books", "green", end.minusSeconds(50), 240, 0);
        figures("books", "blue", end.minusSeconds(1800), 2400, 0);     // half an hour ago: 40/s
        figures("books", "blue", end.minusSeconds(3601), 99_999, 99);  // before the hour
        figures("books", "blue", end, 99_999, 99);                     // the minute not over yet

        String page = ui.get("/ui/", session).body();

        String words = "requests per second over the last hour: now 10/s, peak 40/s; errors 0.2%";
        assertThat(page).containsOnlyOnce("<svg class=\"spark\"").contains("aria-label=\"" + words + "\"",
                "<title>" + words + "</title>", "10/s, 0.2% errors", "no traffic figures");
        assertThat(page).as("books' row has the sparkline, authors' says there are no figures")
                .containsSubsequence("/ui/services/authors", "no traffic figures", "/ui/services/books", "<svg");
    }

    private void figures(String service, String colour, Instant start, long requests, long errors) {
        ui.store.requestFigures().add(new RequestPeriod(service, colour, UiServer.LIVE_COMMIT, start, 10, requests,
                errors, requests * 12, List.of()));
    }

    @Test
    void aServicesHistoryListsItsRunsWithKindResultTriggerAndCommit() {
        ui.service("books", "main\u001b[31m\u001b]0;owned\u0007");
        long live = ui.releases("books", HOSTILE_TITLE);
        long automatic = ui.store.runs().start(new NewRun("rollback", "books", UiServer.EARLIER_COMMIT,
                "rollback of img", false, CrashLoopGuard.AUTOMATIC + ": release b2c3d4e5f6a7 crash-looped", "", "img"));
        ui.store.runs().finish(automatic, RunState.FAILED, Optional.of("deploy"), Optional.of("no replica answered"));

        String page = ui.get("/ui/services/books", session).body();

        assertThat(page).contains("href=\"/ui/runs/" + live + "\"", "href=\"/ui/runs/" + automatic + "\"",
                "automatic rollback", "failed", "cli (test@host)", UiServer.EARLIER_COMMIT.substring(0, 12),
                "blue: " + UiServer.LIVE_COMMIT.substring(0, 12));
        assertThat(page).as("the colour code dropped, the other escape shown, neither sent").doesNotContain("\u001b")
                .contains("main\\x1b]0;owned\\x07");
        assertHostileTitleEscaped(page);
    }

    @Test
    void aRunsPageDrawsItsFlowAsBoxesAndShowsWhyItFailedWithItsLogEscaped() {
        ui.service("books", "main");
        long run = ui.store.runs().start(new NewRun("run", "books", UiServer.LIVE_COMMIT, HOSTILE_TITLE, false,
                "api (token ci)", "service: books\n", "img"));
        ui.store.runs().stageStarted(run, "checkout");
        ui.store.runs().stageFinished(run, "checkout", StageState.PASSED, Optional.empty(), home.resolve("c.log"), "ok\n");
        ui.store.runs().stageStarted(run, "test");
        ui.store.runs().stageFinished(run, "test", StageState.FAILED, Optional.of("exit 1"), home.resolve("t.log"),
                "\u001b[31mFAIL\u001b[0m <b>search</b> & \"more\"\nexpected 3 books\n");
        ui.store.runs().finish(run, RunState.FAILED, Optional.of("test"), Optional.of("the test stage failed: <img src=x>"));

        HttpResponse<String> answer = ui.get("/ui/runs/" + run, session);

        assertThat(answer.statusCode()).isEqualTo(200);
        String page = answer.body();
        assertThat(page).containsSubsequence("state-passed", "checkout", "state-failed", "test", "state-skipped", "build",
                "push", "deploy", "register", "pre-integration", "switch", "post-integration", "cleanup");
        assertThat(page).contains("FAIL &lt;b&gt;search&lt;/b&gt; &amp;", "expected 3 books",
                "the test stage failed: &lt;img src=x&gt;").doesNotContain("<b>search", "<img src=x", "\u001b");
        assertThat(page).as("no live updates for a run this server does not run").doesNotContain("sse-connect");
        assertHostileTitleEscaped(page);
    }

    @Test
    void aRunThatIsNotThereIs404AndSaysHowRunsAreNamed() {
        HttpResponse<String> answer = ui.get("/ui/runs/42", session);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("There is no run 42.", "like q7");
        assertThat(ui.get("/ui/services/nothing", session).statusCode()).isEqualTo(404);
    }

    @Test
    void everyPageCarriesTheSecurityHeadersAndNoInlineScriptOrStyle() {
        ui.service("books", "main");
        ui.releases("books", "Add the shelf");
        figures("books", "blue", RequestRates.start(Instant.now()), 120, 1);  // a sparkline on the overview
        for (String path : new String[] {"/ui/", "/ui/services/books", "/ui/runs/1", "/ui/login"}) {
            HttpResponse<String> answer = ui.get(path, session);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path).contains("default-src 'none';"
                    + " script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self';"
                    + " frame-ancestors 'none'; base-uri 'none'");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).contains("same-origin");
            assertThat(answer.headers().firstValue("Cache-Control")).as(path).contains("no-store");
            assertThat(answer.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(answer.body()).as(path).doesNotContainPattern(INLINE_SCRIPT).doesNotContainPattern(EVENT_HANDLER)
                    .doesNotContain("<style", "style=", "javascript:").contains("\"includeIndicatorStyles\":false");
        }
    }

    @Test
    void theAssetsAreServedFromTheServerWithTheirContentTypes() {
        HttpResponse<String> htmx = ui.get("/ui/assets/htmx.min.js", null);
        HttpResponse<String> sse = ui.get("/ui/assets/htmx-ext-sse.js", null);
        HttpResponse<String> css = ui.get("/ui/assets/gantry.css", null);

        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(htmx.body()).contains("htmx");
        assertThat(sse.statusCode()).isEqualTo(200);
        assertThat(sse.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(sse.body()).contains("defineExtension", "sse");
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(ui.get("/ui/assets/../../etc/passwd", null).statusCode()).isIn(400, 404);
        assertThat(ui.get("/ui/assets/app.js", null).statusCode()).isEqualTo(404);
    }

    private static void assertHostileTitleEscaped(String page) {
        assertThat(page).doesNotContain("<script>alert", "</script>\"").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&amp;");
    }
}
