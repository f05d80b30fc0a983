package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.stage.RunListener;
import dev.gantry.store.Store;
import dev.gantry.trigger.HeldExecutor;
import dev.gantry.trigger.QueueObserver;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DELETE /api/v1/queue/{id}} on a real server (a port the OS chose) over a real store, with a queue whose one
 * slot is held by a run that waits until the test ends: a queued request is cancelled (200), the running one is
 * refused (409), an unknown id is 404, and a read token gets 403 with nothing cancelled.
 */
@BothStores
class QueueCancelRouteTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;
    private final HeldExecutor executor = new HeldExecutor();
    private final HttpClient http = HttpClient.newHttpClient();
    private Store store;
    private RunQueue queue;
    private ApiServer server;
    private ApiTokens tokens;

    @BeforeEach
    void start() {
        store = Store.open(testStore.url(home));
        tokens = new ApiTokens(store.apiTokens());
        queue = new RunQueue(executor, 1, false, QueueObserver.NONE);
        var routes = new ApiRoutes(store, null, queue, "127.0.0.1:5000", tokens, new StreamSlots(1), service -> null);
        server = new ApiServer(tokens, routes.routes(), new RunMetrics(), List.of(),
                new PrintStream(OutputStream.nullOutputStream())).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        executor.close();
        server.stop();
        queue.close();
        store.close();
    }

    @Test
    void aQueuedRequestIsCancelledTheRunningOneIsRefusedAndAnUnknownIdIsNotFound() throws Exception {
        String token = tokens.create("ci", Scope.DEPLOY, Optional.empty());
        QueuedRun running = queue.submit(RunRequest.rollback("books", "test", RunListener.SILENT));
        QueuedRun waiting = queue.submit(RunRequest.rollback("books", "test", RunListener.SILENT));
        executor.awaitStarted();

        HttpResponse<String> cancelled = delete("/api/v1/queue/q" + waiting.id(), token);
        HttpResponse<String> again = delete("/api/v1/queue/" + waiting.id(), token);
        HttpResponse<String> ofRunning = delete("/api/v1/queue/q" + running.id(), token);
        HttpResponse<String> unknown = delete("/api/v1/queue/q99", token);
        HttpResponse<String> wrong = delete("/api/v1/queue/seven", token);

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.body()).contains("\"queueId\":" + waiting.id(), "\"state\":\"cancelled\"",
                "\"message\":\"cancelled by api (token ci)\"");
        assertThat(waiting.state()).isEqualTo(QueuedRun.State.CANCELLED);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("has ended already (cancelled)");
        assertThat(ofRunning.statusCode()).isEqualTo(409);
        assertThat(ofRunning.body()).contains("is running already, so it cannot be cancelled");
        assertThat(running.state()).isEqualTo(QueuedRun.State.RUNNING);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("The run queue knows no request q99");
        assertThat(wrong.statusCode()).isEqualTo(400);
    }

    @Test
    void aReadTokenIsRefusedAndNothingIsCancelled() throws Exception {
        String token = tokens.create("viewer", Scope.READ, Optional.empty());
        queue.submit(RunRequest.rollback("books", "test", RunListener.SILENT));
        QueuedRun waiting = queue.submit(RunRequest.rollback("books", "test", RunListener.SILENT));

        HttpResponse<String> refused = delete("/api/v1/queue/q" + waiting.id(), token);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("needs a token of scope deploy");
        assertThat(waiting.awaitEnd(Duration.ZERO)).isFalse();
        assertThat(waiting.state()).isEqualTo(QueuedRun.State.QUEUED);
    }

    private HttpResponse<String> delete(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }
}
