package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.server.Scope;
import dev.gantry.stage.RunListener;
import dev.gantry.trigger.HeldExecutor;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling a queued request from the overview or its run page (scope deploy): a rollback of books runs (it waits
 * until the test ends) and a second one waits behind it; the Cancel button is offered only for the waiting one and
 * only to a deploy session, and every post is checked again (scope, CSRF, still queued).
 */
@BothStores
class CancelActionTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;
    private final HeldExecutor executor = new HeldExecutor();
    private UiServer ui;
    private QueuedRun running;
    private QueuedRun waiting;

    @BeforeEach
    void start() throws InterruptedException {
        ui = UiServer.start(testStore.url(home), executor);
        ui.service("books", "main");
        running = ui.runQueue.submit(RunRequest.rollback("books", "cli (test@host)", RunListener.SILENT));
        waiting = ui.runQueue.submit(RunRequest.rollback("books", "cli (test@host)", RunListener.SILENT));
        executor.awaitStarted();
    }

    @AfterEach
    void stop() {
        executor.close();
        ui.close();
    }

    @Test
    void aDeploySessionCancelsTheWaitingRequestByItsButtonAndItsPageSaysCancelled() {
        String session = ui.session("deployer", Scope.DEPLOY);
        String cancel = "/ui/runs/q" + waiting.id() + "/cancel";

        String overview = ui.get("/ui/", session).body();
        String runPage = ui.get("/ui/runs/q" + waiting.id(), session).body();
        String runningPage = ui.get("/ui/runs/q" + running.id(), session).body();
        HttpResponse<String> posted = ui.post(cancel, session, Map.of("csrf", ui.csrf(session)));
        HttpResponse<String> after = ui.get("/ui/runs/q" + waiting.id(), session);

        assertThat(overview).contains("action=\"" + cancel + "\"")
                .doesNotContain("action=\"/ui/runs/q" + running.id() + "/cancel\"");
        assertThat(runPage).contains("action=\"" + cancel + "\"", "Cancel this request");
        assertThat(runningPage).doesNotContain("/cancel\"", "Cancel this request");
        assertThat(posted.statusCode()).isEqualTo(303);
        assertThat(posted.headers().firstValue("Location")).contains("/ui/runs/q" + waiting.id());
        assertThat(waiting.state()).isEqualTo(QueuedRun.State.CANCELLED);
        assertThat(after.body()).contains("result-cancelled\">cancelled", "cancelled by ui (token deployer)")
                .doesNotContain("Cancel this request");
        assertThat(ui.get("/ui/", session).body()).doesNotContain("/cancel\"");
        assertThat(running.state()).isEqualTo(QueuedRun.State.RUNNING);
    }

    @Test
    void aReadSessionSeesNoCancelButtonAndItsForgedPostIsRefused() {
        String session = ui.session("viewer", Scope.READ);

        String overview = ui.get("/ui/", session).body();
        String runPage = ui.get("/ui/runs/q" + waiting.id(), session).body();
        HttpResponse<String> forged = ui.post("/ui/runs/q" + waiting.id() + "/cancel", session,
                Map.of("csrf", ui.csrf(session)));

        assertThat(overview).contains("/ui/runs/q" + waiting.id()).doesNotContain("/cancel\"");
        assertThat(runPage).doesNotContain("Cancel this request");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("needs a token of scope deploy (or higher); the token viewer has scope read");
        assertThat(waiting.state()).isEqualTo(QueuedRun.State.QUEUED);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        String session = ui.session("deployer", Scope.DEPLOY);

        HttpResponse<String> refused = ui.post("/ui/runs/q" + waiting.id() + "/cancel", session, Map.of());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(waiting.state()).isEqualTo(QueuedRun.State.QUEUED);
    }

    @Test
    void cancellingTheRunningOneAStoredRunOrAnUnknownOneSaysWhyAndStopsNothing() {
        String session = ui.session("deployer", Scope.DEPLOY);
        String csrf = ui.csrf(session);

        HttpResponse<String> ofRunning = ui.post("/ui/runs/q" + running.id() + "/cancel", session, Map.of("csrf", csrf));
        HttpResponse<String> ofStored = ui.post("/ui/runs/42/cancel", session, Map.of("csrf", csrf));
        HttpResponse<String> ofUnknown = ui.post("/ui/runs/q99/cancel", session, Map.of("csrf", csrf));

        assertThat(ofRunning.statusCode()).isEqualTo(409);
        assertThat(ofRunning.body()).contains("Not cancelled", "The queued request q" + running.id()
                + " is running already, so it cannot be cancelled");
        assertThat(running.state()).isEqualTo(QueuedRun.State.RUNNING);
        assertThat(ofStored.statusCode()).isEqualTo(404);
        assertThat(ofStored.body()).contains("Only a queued request (like q7) can be cancelled.");
        assertThat(ofUnknown.statusCode()).isEqualTo(404);
        assertThat(waiting.state()).isEqualTo(QueuedRun.State.QUEUED);
    }
}
