package dev.gantry.server;

import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.StageRecord;
import dev.gantry.store.Store;
import dev.gantry.trigger.Progress;
import dev.gantry.trigger.ProgressFeed;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/runs/{run}/log} as Server-Sent Events: a queued or running run's progress as it
 * happens (events {@code stage}, {@code line}, then {@code end}); a finished run's stored stages and
 * logs, then {@code end}. Every line went through the pipeline's secret mask before it got here.
 * At most {@code server-max-log-streams} streams are open at once ({@link StreamSlots}), and a live stream checks the
 * token it was opened with every {@link TokenWatch#EVERY}: revoked or expired, the stream ends with an
 * event {@code revoked} that says why.
 */
final class RunLogStream {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final Store store;
    private final RunQueue queue;
    private final ApiTokens tokens;
    private final StreamSlots slots;

    /** Each stream takes one of {@code slots}, which the services' followed logs share. */
    RunLogStream(Store store, RunQueue queue, ApiTokens tokens, StreamSlots slots) {
        this.store = store;
        this.queue = queue;
        this.tokens = tokens;
        this.slots = slots;
    }

    /** The route's handler: 400 or 404 as JSON before the stream starts, else the stream. */
    Handler handler() {
        return ctx -> {
            Optional<RunId> id = RunId.parse(ctx.pathParam("run"));
            if (id.isEmpty()) {
                ApiRoutes.json(ctx, 400, Json.error(RunId.HELP));
                return;
            }
            RunId.Found found = id.get().find(queue, store);
            Optional<QueuedRun> queued = found.queued();
            Optional<RunRecord> stored = found.stored();
            if (!found.exists()) {
                ApiRoutes.json(ctx, 404, Json.error("There is no run " + ctx.pathParam("run") + "."));
                return;
            }
            ApiTokens.Caller caller = ctx.attribute(BearerAuth.CALLER);
            slots.stream(ctx, "GET " + ApiRoutes.BASE + "/runs/" + ctx.pathParam("run") + " answers without a stream.",
                    client -> stream(client, queued, stored, caller));
        };
    }

    private void stream(SseClient client, Optional<QueuedRun> queued, Optional<RunRecord> stored,
                        ApiTokens.Caller caller) {
        if (queued.isPresent() && (!queued.get().isOver() || stored.isEmpty())) {
            live(client, queued.get(), caller);
        } else {
            stored(client, store.runs().find(stored.orElseThrow().id()).orElseThrow());
        }
        client.close();
    }

    private void live(SseClient client, QueuedRun run, ApiTokens.Caller caller) {
        Instant quietSince = Instant.now();
        TokenWatch token = new TokenWatch(tokens, caller);
        try (ProgressFeed feed = run.subscribe()) {
            while (!client.terminated()) {
                Optional<Progress> next = feed.next(TokenWatch.EVERY);
                Optional<String> withdrawn = token.withdrawn();
                if (withdrawn.isPresent()) {
                    client.sendEvent("revoked", Json.write(Map.of("message", withdrawn.get()
                            + ", so this stream ends; the run goes on. Follow it again with a valid token.")));
                    return;
                }
                if (next.isEmpty()) {
                    if (Duration.between(quietSince, Instant.now()).compareTo(KEEP_ALIVE) >= 0) {
                        client.sendComment("keep-alive");
                        quietSince = Instant.now();
                    }
                    continue;
                }
                quietSince = Instant.now();
                send(client, next.get());
                if (next.get() instanceof Progress.End) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stored(SseClient client, RunRecord run) {
        if (run.state() == RunState.RUNNING) {
            // run by another gantry process (the CLI): only what it has stored so far, then its state
            client.sendComment("this run is not run by this server; its stages so far:");
        }
        for (StageRecord stage : run.stages()) {
            send(client, Progress.StageEvent.started(stage.name()));
            store.runs().stageLog(run.id(), stage.name()).ifPresent(log -> log.lines()
                    .forEach(line -> send(client, new Progress.Line(stage.name(), line))));
            if (stage.finishedAt().isPresent()) {
                send(client, new Progress.StageEvent(stage.name(), stage.state().word(), stage.duration().toMillis()));
            }
        }
        send(client, new Progress.End(run.state() == RunState.RUNNING ? "running" : "done",
                run.state() == RunState.SUCCEEDED, run.id(), run.message().orElse("")));
    }

    private static void send(SseClient client, Progress event) {
        switch (event) {
            case Progress.StageEvent stage -> client.sendEvent("stage", Json.write(Map.of("stage", stage.stage(),
                    "state", stage.state(), "millis", stage.millis())));
            case Progress.Line line -> client.sendEvent("line", Json.write(Map.of("stage", line.stage(),
                    "text", line.text())));
            case Progress.End end -> client.sendEvent("end", Json.write(Map.of("state", end.state(),
                    "succeeded", end.succeeded(), "runId", end.runId(), "message", end.message())));
        }
    }
}
