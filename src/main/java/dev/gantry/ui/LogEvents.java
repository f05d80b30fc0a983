package dev.gantry.ui;

import dev.gantry.server.RunId;
import dev.gantry.server.StreamSlots;
import dev.gantry.trigger.Progress;
import dev.gantry.trigger.QueuedRun;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /ui/runs/{run}/logs/{stage}/events}: a stage's new lines while this server runs the run, as Server-Sent
 * Events that htmx's SSE extension appends to the logs page: events {@code lines} ({@link LineBatch}); an event
 * {@code end} says how the stage ended, when it ends (or how the run ended, if it ends first), and the stream closes.
 * The stream starts with the lines the run kept so far (its replay, {@code output/replay-lines}): the page follows
 * only a stage whose log is not stored yet, and so shows none of them itself, and each line comes once. Each stream
 * takes one of the server's stream slots and ends with its session, as {@link RunEvents}' do.
 */
final class LogEvents {
    private final RunPage runs;
    private final LogsPage logs;
    private final StreamSlots slots;
    private final LiveFollow live;
    private final Templates templates;

    LogEvents(RunPage runs, LogsPage logs, StreamSlots slots, LiveFollow live, Templates templates) {
        this.runs = runs;
        this.logs = logs;
        this.slots = slots;
        this.live = live;
        this.templates = templates;
    }

    void stream(Context ctx) {
        Session session = SessionGate.session(ctx);
        String run = ctx.pathParam("run");
        String stage = ctx.pathParam("stage");
        if (logs.find(run, stage).isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("There is no run " + run
                    + " with a stage " + stage + ".");
            return;
        }
        slots.stream(ctx, "reload the page later to read the log as stored.", client -> follow(client, run, stage,
                session));
    }

    private void follow(SseClient client, String run, String stage, Session session) {
        Optional<QueuedRun> queued = logs.find(run, stage).flatMap(of -> of.run().queued());
        if (queued.isEmpty()) {
            sendEnd(client, run, stage, Optional.empty());
            client.close();
            return;
        }
        live.follow(client, session, queued.get(), new Batch(run, stage));
    }

    /** The stage's lines, in {@link LineBatch}es. */
    private final class Batch implements LiveFollow.Reader {
        private final String run;
        private final String stage;
        private final LineBatch lines;

        Batch(String run, String stage) {
            this.run = run;
            this.stage = stage;
            this.lines = new LineBatch(templates, line -> line.stage().equals(stage) ? line.text() : null);
        }

        @Override
        public Duration patience() {
            return lines.patience();
        }

        @Override
        public boolean event(SseClient client, Progress event) {
            if (event instanceof Progress.Line line) {
                lines.add(client, line);
                return true;
            }
            if (event instanceof Progress.StageEvent ended && ended.stage().equals(stage) && !ended.isStart()) {
                lines.flush(client);
                sendEnd(client, run, stage, Optional.of(ended.state()));
                return false;
            }
            return true;
        }

        @Override
        public void quiet(SseClient client) {
            lines.flushOrKeepAlive(client);
        }

        @Override
        public void end(SseClient client) {
            lines.flush(client);
            sendEnd(client, run, stage, Optional.empty());
        }
    }

    /** How the stage ended ({@code stageState}), or else how the run ended, and where the stage's stored log is read. */
    private void sendEnd(SseClient client, String run, String stage, Optional<String> stageState) {
        Optional<RunId.Found> found = runs.find(run);
        String what = stageState.isPresent() ? "stage" : "run";
        String state = stageState.orElseGet(() -> found.map(RunPage::state).orElse("done"));
        client.sendEvent("end", LiveFollow.oneLine(templates.render("ended.jte",
                new EndedView(what, state, UiPaths.logs(RunPage.href(found, run), stage)))));
    }
}
