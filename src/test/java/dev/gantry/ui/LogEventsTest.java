package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.server.Scope;
import dev.gantry.stage.Stage;
import dev.gantry.store.StageState;
import java.io.BufferedReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage's logs page while the server runs the run: the page holds none of the stage's lines (they are not stored
 * yet), and its stream brings each of them once, the ones written before it opened too, in batches, escaped, and only
 * that stage's; then {@code end} when the stage ends, or the run if it ends first.
 */
@BothStores
class LogEventsTest {
    private static final Pattern LINE = Pattern.compile("<span class=\"line\">");
    private static final int BURST = 450;

    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;
    private final CountDownLatch wrote = new CountDownLatch(1);
    private final CountDownLatch more = new CountDownLatch(1);
    private final CountDownLatch finish = new CountDownLatch(1);
    private UiServer ui;

    @BeforeEach
    void start() {
        ui = UiServer.start(testStore.url(home), (request, listener) -> {
            listener.stageStarted(Stage.DEPLOY);
            listener.stageOutput(Stage.DEPLOY, "before the page <b>bold</b>");
            listener.stageOutput(Stage.BUILD, "a line of another stage");
            wrote.countDown();
            await(more);
            for (int i = 1; i <= BURST; i++) {
                listener.stageOutput(Stage.DEPLOY, "burst " + i);
            }
            listener.stageFinished(Stage.DEPLOY, StageState.PASSED, Duration.ofSeconds(2), home.resolve("deploy.log"));
            listener.stageStarted(Stage.REGISTER);
            await(finish);
            throw new IllegalStateException("the test ended the run");
        });
        ui.service("books", "main");
        ui.releases("books", "Add the shelf");
    }

    @AfterEach
    void stop() {
        more.countDown();
        finish.countDown();
        ui.close();
    }

    @Test
    @Timeout(30)
    void theStreamBringsTheStagesLinesOnceInBatchesThenEndsWithTheStageWhileTheRunGoesOn() throws Exception {
        String session = ui.session("deployer", Scope.DEPLOY);
        String runPage = running(session);

        String page = ui.get(runPage + "/logs/deploy", session).body();
        assertThat(page).contains("hx-ext=\"sse\"", "sse-connect=\"" + runPage + "/logs/deploy/events\"",
                "sse-swap=\"lines\"", "hx-swap=\"beforeend\"", "sse-close=\"end\"",
                "data-keep-lines=\"" + LogsPage.KEEP_LINES + "\"");
        assertThat(page).as("the page holds no line: the stream brings them all, once").doesNotContain("before the page");

        try (var lines = ui.events(runPage + "/logs/deploy/events", session)) {
            String first = UiServer.nextEvent(lines);
            assertThat(first).startsWith("lines\n").contains("<span class=\"line\">before the page &lt;b&gt;bold"
                    + "&lt;/b&gt;</span>").doesNotContain("<b>", "another stage");
            more.countDown();
            List<String> batches = new ArrayList<>();
            int received = 0;
            while (received < BURST) {
                String event = UiServer.nextEvent(lines);
                assertThat(event).startsWith("lines\n").doesNotContain("before the page");
                int count = (int) LINE.matcher(event).results().count();
                assertThat(count).isBetween(1, LineBatch.MOST);
                batches.add(event);
                received += count;
            }
            assertThat(received).isEqualTo(BURST);
            assertThat(String.join("", batches)).contains(">burst 1<", ">burst 200<", ">burst " + BURST + "<");
            assertThat(batches.size()).as("batched, not an event per line").isLessThanOrEqualTo(BURST / 20);
            String end = UiServer.nextEvent(lines);
            assertThat(end).startsWith("end\n").contains("The stage ended", "result-passed", "Reload the page",
                    runPage + "/logs/deploy");
            assertThat(lines.readLine()).as("the stream is closed, the run still going").isNull();
            assertThat(finish.getCount()).as("the run has not been let end").isEqualTo(1);
        }
    }

    @Test
    @Timeout(30)
    void aStageThatTheRunNeverEndsIsFollowedUntilTheRunEnds() throws Exception {
        String session = ui.session("deployer", Scope.DEPLOY);
        String runPage = running(session);
        more.countDown();
        try (var lines = ui.events(runPage + "/logs/register/events", session)) {
            finish.countDown();
            String event = UiServer.nextEvent(lines);
            assertThat(event).startsWith("end\n").contains("The run ended", "result-failed", "Reload the page");
        }
    }

    @Test
    void aStageTheRunHasNotReachedIsFollowedAndAStageThatIsNoneIs404() throws Exception {
        String session = ui.session("viewer", Scope.DEPLOY);
        String runPage = running(session);

        HttpResponse<String> notYet = ui.get(runPage + "/logs/switch", session);
        assertThat(notYet.statusCode()).isEqualTo(200);
        assertThat(notYet.body()).contains("sse-connect=\"" + runPage + "/logs/switch/events\"", "pending");
        HttpResponse<String> none = ui.get(runPage + "/logs/lunch", session);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("has no stage lunch");
    }

    @Test
    @Timeout(30)
    void theStreamEndsWhenItsSessionEnds() throws Exception {
        String session = ui.session("deployer", Scope.DEPLOY);
        String runPage = running(session);
        try (var lines = ui.events(runPage + "/logs/deploy/events", session)) {
            assertThat(UiServer.nextEvent(lines)).startsWith("lines\n").contains("before the page");

            assertThat(ui.post("/ui/logout", session, Map.of("csrf", ui.csrf(session))).statusCode()).isEqualTo(303);

            assertThat(UiServer.nextEvent(lines)).startsWith("end\n").contains("Your session ended");
            assertThat(lines.readLine()).as("the stream is closed").isNull();
        }
    }

    @Test
    @Timeout(30)
    void followedLogsTakeTheServersSharedStreamSlotsAndOneMoreIs429() throws Exception {
        String session = ui.session("deployer", Scope.DEPLOY);
        String runPage = running(session);
        List<BufferedReader> open = new ArrayList<>();
        try {
            for (int i = 0; i < UiServer.STREAM_SLOTS; i++) {
                open.add(ui.events(runPage + "/logs/deploy/events", session));
                assertThat(UiServer.nextEvent(open.getLast())).startsWith("lines\n");
            }

            HttpResponse<String> refused = ui.get(runPage + "/logs/deploy/events", session,
                    Map.of("Accept", "text/event-stream"));

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).contains("30");
            assertThat(refused.body()).contains("server-max-log-streams", "read the log as stored");
        } finally {
            more.countDown();
            finish.countDown();
            for (BufferedReader stream : open) {
                while (!UiServer.nextEvent(stream).startsWith("end\n")) {
                    // the rest of the run's lines
                }
                stream.close();
            }
        }
    }

    /** Rolls books back from the UI; answers the run page once the run has written its first lines. */
    private String running(String session) throws InterruptedException {
        String runPage = ui.post("/ui/services/books/rollback", session, Map.of("csrf", ui.csrf(session)))
                .headers().firstValue("Location").orElseThrow();
        assertThat(wrote.await(10, TimeUnit.SECONDS)).isTrue();
        return runPage;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
