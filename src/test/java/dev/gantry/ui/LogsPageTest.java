package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.server.Scope;
import dev.gantry.store.NewRun;
import dev.gantry.store.RunState;
import dev.gantry.store.StageState;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored stage's logs page: its last 5,000 lines with a note saying how many there are, hostile lines escaped, the
 * whole log as a download, 404 for what is not there, and the login first.
 */
@BothStores
class LogsPageTest {
    private static final Pattern LINE = Pattern.compile("<span class=\"line\">");

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
        ui.service("books", "main");
    }

    @AfterEach
    void stop() {
        ui.close();
    }

    @Test
    void aLongLogShowsItsLast5000LinesWithANoteAndALinkToTheWholeLog() {
        long run = run("test", numbered(12_000));

        HttpResponse<String> answer = ui.get("/ui/runs/" + run + "/logs/test", session);

        assertThat(answer.statusCode()).isEqualTo(200);
        String page = answer.body();
        assertThat(page).contains("the last 5,000 of 12,000 lines", "<span class=\"line\">line 12000</span>",
                "<span class=\"line\">line 7001</span>", "href=\"/ui/runs/" + run + "/logs/test/download\"",
                "Download the whole log", "href=\"/ui/runs/" + run + "\"");
        assertThat(page).doesNotContain("<span class=\"line\">line 7000</span>", "<span class=\"line\">line 1</span>");
        assertThat(LINE.matcher(page).results().count()).isEqualTo(LogsPage.KEEP_LINES);
        assertThat(page).as("a stored run is not followed").doesNotContain("sse-connect");
    }

    @Test
    void aShortLogIsShownWholeWithoutANote() {
        long run = run("build", "one\n\nthree");

        String page = ui.get("/ui/runs/" + run + "/logs/build", session).body();

        assertThat(page).contains("<span class=\"line\">one</span><span class=\"line\"></span><span class=\"line\">three"
                + "</span>").doesNotContain("the last ");
    }

    @Test
    void hostileLinesAreEscapedAndTerminalEscapesShownAsText() {
        long run = run("test", "<script>alert(1)</script>\n\u001b[31mred\u001b[0m \u001b]0;owned\u0007 & \"q\"\n");

        String page = ui.get("/ui/runs/" + run + "/logs/test", session).body();

        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "red \\x1b]0;owned\\x07 &amp; \"q\"")
                .doesNotContain("<script>alert", "\u001b", "\u0007");
        assertThat(ui.get("/ui/runs/" + run + "/logs/test/download", session).body()).as("the download too")
                .isEqualTo("<script>alert(1)</script>\nred \\x1b]0;owned\\x07 & \"q\"\n");
    }

    @Test
    void theDownloadIsTheWholeStoredLogAsAnAttachment() {
        String log = numbered(12_000);
        long run = run("test", log);

        HttpResponse<String> answer = ui.get("/ui/runs/" + run + "/logs/test/download", session);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/plain").containsIgnoringCase("charset=utf-8"));
        assertThat(answer.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"books-run" + run + "-test.log\"");
        assertThat(answer.body()).isEqualTo(log);
    }

    @Test
    void aFileNameHasOnlyLettersDigitsDotsDashesAndUnderscores() {
        assertThat(LogsPage.fileName("bo\"oks/..\\x y;\r\n-run1-test")).isEqualTo("bo_oks_.._x_y___-run1-test");
    }

    @Test
    void anUnknownRunOrStageIs404AndSaysWhatThereIs() {
        long run = run("test", "ok\n");

        HttpResponse<String> noRun = ui.get("/ui/runs/99/logs/test", session);
        HttpResponse<String> noStage = ui.get("/ui/runs/" + run + "/logs/deploy", session);

        assertThat(noRun.statusCode()).isEqualTo(404);
        assertThat(noRun.body()).contains("There is no run 99.");
        assertThat(noStage.statusCode()).isEqualTo(404);
        assertThat(noStage.body()).contains("Run " + run + " has no stage deploy (its stages: test).");
        assertThat(ui.get("/ui/runs/" + run + "/logs/deploy/download", session).statusCode()).isEqualTo(404);
        assertThat(ui.get("/ui/runs/99/logs/test/download", session).statusCode()).isEqualTo(404);
        assertThat(ui.get("/ui/runs/99/logs/test/events", session).statusCode()).isEqualTo(404);
        assertThat(ui.get("/ui/runs/" + run + "/logs/%3Cb%3E", session).body()).contains("no stage &lt;b&gt;")
                .doesNotContain("no stage <b>");
    }

    @Test
    void withoutASessionTheLogsGoToTheLoginPage() {
        long run = run("test", "a secret-free line\n");

        for (String path : new String[] {"/logs/test", "/logs/test/download", "/logs/test/events"}) {
            HttpResponse<String> answer = ui.get("/ui/runs/" + run + path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location")).as(path).contains("/ui/login");
            assertThat(answer.body()).as(path).doesNotContain("a secret-free line");
        }
    }

    @Test
    void theRunPageLinksEachStagesLogToItsLogsPage() {
        long run = run("test", "ok\n");

        assertThat(ui.get("/ui/runs/" + run, session).body()).contains("href=\"/ui/runs/" + run + "/logs/test\"");
    }

    @Test
    void theLogsPageLoadsTheUisOwnScriptWhichIsServed() {
        long run = run("test", "ok\n");

        assertThat(ui.get("/ui/runs/" + run + "/logs/test", session).body())
                .contains("<script src=\"/ui/assets/gantry.js\" defer></script>");
        HttpResponse<String> script = ui.get("/ui/assets/gantry.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/javascript"));
        assertThat(script.body()).contains("data-keep-lines", "htmx:sseMessage");
    }

    /** A finished run of books with one stage, {@code stage}, whose stored log is {@code log}. */
    private long run(String stage, String log) {
        long run = ui.store.runs().start(new NewRun("run", "books", UiServer.LIVE_COMMIT, "Add the shelf", false,
                "api (token ci)", "service: books\n", "img"));
        ui.store.runs().stageStarted(run, stage);
        ui.store.runs().stageFinished(run, stage, StageState.PASSED, Optional.empty(), home.resolve(stage + ".log"), log);
        ui.store.runs().finish(run, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
        return run;
    }

    /** {@code count} lines, "line 1" to "line COUNT", each ending with a line feed. */
    private static String numbered(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }
}
