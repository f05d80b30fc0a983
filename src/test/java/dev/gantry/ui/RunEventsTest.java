package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.server.Scope;
import dev.gantry.stage.Stage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    void theBoxesComeAsEventsWhileItRunsAndAnEndEventClosesTheStream() throws Exception {
        String session = ui.session("deployer", Scope.DEPLOY);
        String runPage = ui.post("/ui/services/books/rollback", session, Map.of("csrf", ui.csrf(session)))
                .headers().firstValue("Location").orElseThrow();

        assertThat(ui.get(runPage, session).body()).contains("hx-ext=\"sse\"", "sse-connect=\"" + runPage + "/events\"",
                "sse-swap=\"flow\"", "sse-close=\"end\"");
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        ui.uri(runPage + "/events")).header("Cookie", SessionCookie.NAME + "=" + session)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/event-stream"));
        try (var lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(nextEvent(lines)).startsWith("flow\n").contains("<li class=\"box state-pending\">",
                    "<span class=\"stage\">switch</span>");
            finish.countDown();
            String event;
            do {
                event = nextEvent(lines);
            } while (event.startsWith("flow\n"));
            assertThat(event).startsWith("end\n").contains("result-failed");
        }
    }

    /** The next event's name and data, as {@code name\ndata}; comments skipped. */
    private static String nextEvent(BufferedReader lines) throws Exception {
        String name = "message";
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty() && !data.isEmpty()) {
                return name + "\n" + data;
            }
            if (line.startsWith("event:")) {
                name = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring("data:".length()).strip());
            }
        }
        throw new AssertionError("the stream ended without another event");
    }
}
