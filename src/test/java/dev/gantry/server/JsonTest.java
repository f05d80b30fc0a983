package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.stage.RunListener;
import dev.gantry.store.KnownService;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.StageRecord;
import dev.gantry.store.StageState;
import dev.gantry.trigger.QueueObserver;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The API's JSON shapes, as a client reads them. */
class JsonTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aServiceShowsWhatIsLive() {
        var service = new KnownService("books", Optional.empty(), "main", T0);
        var live = new ColourRecord("1a2b3c", "127.0.0.1:5000/books:1a2b3c", ColourState.LIVE, List.of());

        assertThat(Json.write(Json.service(service, Optional.of(Colour.GREEN), Optional.of(live)))).isEqualTo(
                "{\"name\":\"books\",\"remote\":null,\"branch\":\"main\",\"addedAt\":\"2026-12-01T10:00:00Z\","
                        + "\"liveColour\":\"green\",\"liveRelease\":\"1a2b3c\",\"liveImage\":\"127.0.0.1:5000/books:1a2b3c\"}");
    }

    @Test
    void aRunHasItsStagesWithTheirDurations() {
        var stage = new StageRecord("deploy", StageState.PASSED, T0, Optional.of(T0.plusMillis(1500)), Optional.empty(),
                Optional.of("/logs/1-deploy.log"));
        var run = new RunRecord(7, "deploy", "books", "1a2b3c", "deploy of x", false, "api (token ci)",
                RunState.SUCCEEDED, Optional.empty(), Optional.empty(), T0, Optional.of(T0.plusSeconds(2)),
                Optional.of("service: books\n"), Optional.of("127.0.0.1:5000/books:1a2b3c"), Optional.of("blue"),
                OptionalInt.of(2), List.of(stage));

        assertThat(Json.write(Json.run(run, true))).isEqualTo("{\"id\":7,\"kind\":\"deploy\",\"service\":\"books\","
                + "\"commit\":\"1a2b3c\",\"title\":\"deploy of x\",\"trigger\":\"api (token ci)\",\"state\":\"succeeded\","
                + "\"failedStage\":null,\"message\":null,\"image\":\"127.0.0.1:5000/books:1a2b3c\",\"colour\":\"blue\","
                + "\"startedAt\":\"2026-12-01T10:00:00Z\",\"finishedAt\":\"2026-12-01T10:00:02Z\",\"stages\":[{"
                + "\"name\":\"deploy\",\"state\":\"passed\",\"startedAt\":\"2026-12-01T10:00:00Z\","
                + "\"finishedAt\":\"2026-12-01T10:00:01.500Z\",\"millis\":1500,\"message\":null,\"outputCut\":null}]}");
        assertThat(Json.run(run, false)).doesNotContainKey("stages");
    }

    @Test
    void aQueuedRunSaysWhereToFollowIt() {
        try (var queue = new RunQueue((request, listener) -> {
            throw new IllegalStateException("not run in this test");
        }, 1, true, QueueObserver.NONE)) {
            queue.submit(RunRequest.rollback("users", "test", RunListener.SILENT));
            var queued = queue.submit(RunRequest.rollback("users", "api (token ci)", RunListener.SILENT));

            assertThat(Json.queued(queued)).containsEntry("queueId", 2L).containsEntry("service", "users")
                    .containsEntry("kind", "rollback").containsEntry("trigger", "api (token ci)")
                    .containsEntry("log", "/api/v1/runs/q2/log").containsKey("state").containsKey("runId");
        }
    }

    @Test
    void anErrorIsOneMessage() {
        assertThat(Json.write(Json.error("no \"image\""))).isEqualTo("{\"error\":\"no \\\"image\\\"\"}");
    }
}
