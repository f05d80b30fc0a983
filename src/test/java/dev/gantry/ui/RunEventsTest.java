package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.server.Scope;
import dev.gantry.stage.Stage;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A run page while the server runs its run: its boxes come over Server-Sent Events as htmx's SSE extension takes them. */
@BothStores
class RunEventsTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;
    private final CountDownLatch finish = new CountDownLatch(1);
    private UiServer ui;

    @BeforeEach
    void start() {
        ui = UiServer.start(testStore.url(home), (request, listener) -> {
            listener.stageStarted(Stage.DEPLOY);
            listener.stageOutput(Stage.DEPLOY, "starting books-green-1 <script>alert(1)</script>");
            try {
                finish.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the test ended the run");
        });
        ui.service("books", "main");
        ui.releases("books", "Add the shelf");
    }

    @AfterEach
    void stop() {
        finish.countDown();
        ui.close();
    }

    @Test
    @Timeout(30)
    void theBoxesAndTheLinesComeAsEventsWhileItRunsAndAnEndEventClosesTheStream() throws Exception {
        String session = ui.session("deployer", Scope.DEPLOY);
        String runPage = ui.post("/ui/services/books/rollback", session, Map.of("csrf", ui.csrf(session)))
                .headers().firstValue("Location").orElseThrow();

        assertThat(ui.get(runPage, session).body()).contains("hx-ext=\"sse\"", "sse-connect=\"" + runPage + "/events\"",
                "sse-swap=\"flow\"", "sse-close=\"end\"", "sse-swap=\"lines\"", "data-keep-lines=\"5000\"",
                "<span id=\"run-state\" class=\"result result-running\">running</span>");
        try (var lines = ui.events(runPage + "/events", session)) {
            assertThat(UiServer.nextEvent(lines)).startsWith("flow\n").contains("<li class=\"box state-pending\">",
                    "<span class=\"stage\">switch</span>",
                    "<span id=\"run-state\" hx-swap-oob=\"true\" class=\"result result-running\">running</span>");
            String event;
            do {
                event = UiServer.nextEvent(lines);
            } while (event.startsWith("flow\n"));
            assertThat(event).as("the stage's line, escaped, as gantry run prints it").startsWith("lines\n")
                    .contains("<span class=\"line\">deploy | starting books-green-1 &lt;script&gt;")
                    .doesNotContain("<script>");
            finish.countDown();
            String lastFlow = "";
            do {
                event = UiServer.nextEvent(lines);
                lastFlow = event.startsWith("flow\n") ? event : lastFlow;
            } while (event.startsWith("flow\n"));
            assertThat(event).startsWith("end\n").contains("result-failed");
            assertThat(lastFlow).as("the header's state, swapped in with the last boxes")
                    .contains("<span id=\"run-state\" hx-swap-oob=\"true\" class=\"result result-failed\">failed</span>");
        }
    }
}
