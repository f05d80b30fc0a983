package dev.gantry.ui;

import dev.gantry.server.RunId;
import dev.gantry.server.StreamSlots;
import dev.gantry.server.TokenWatch;
import dev.gantry.trigger.Progress;
import dev.gantry.trigger.QueuedRun;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /ui/runs/{run}/events}: the run page's live boxes, as Server-Sent Events that htmx's SSE extension swaps
 * in. An event {@code flow} carries the boxes' HTML and the run's state for the header (an out-of-band swap of
 * {@code #run-state}) each time a stage starts or ends (from the queued run's progress,
 * as the API's log stream hears it); events {@code lines} carry every stage's lines as they come, {@code stage | line}
 * as {@code gantry run} prints them ({@link LineBatch}; the stream starts with those the run kept so far); an event
 * {@code end} says how the run ended, and the page closes the stream. Each
 * stream takes one of the server's stream slots, which log streams take too ({@code server-max-log-streams}; 429
 * beyond). A stream ends when its session ends or its token is revoked or expires (checked every
 * {@link TokenWatch#EVERY}).
 */
final class RunEvents {
    private final RunPage runs;
    private final LiveFollow live;
    private final Templates templates;
    private final StreamSlots slots;

    RunEvents(RunPage runs, StreamSlots slots, LiveFollow live, Templates templates) {
        this.runs = runs;
        this.slots = slots;
        this.live = live;
        this.templates = templates;
    }

    void stream(Context ctx) throws Exception {
        Session session = SessionGate.session(ctx);
        String run = ctx.pathParam("run");
        if (runs.find(run).isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("There is no run " + run + ".");
            return;
        }
        slots.stream(ctx, "reload the page later to see the run as it stands.", client -> follow(client, run, session));
    }

    private void follow(SseClient client, String run, Session session) {
        Optional<QueuedRun> queued = runs.find(run).flatMap(RunId.Found::queued).filter(q -> !q.isOver());
        if (queued.isEmpty()) {
            sendNow(client, run);
            client.close();
            return;
        }
        sendFlow(client, run);
        var lines = new LineBatch(templates, line -> line.stage() + " | " + line.text());
        live.follow(client, session, queued.get(), new LiveFollow.Reader() {
            @Override
            public Duration patience() {
                return lines.patience();
            }

            @Override
            public boolean event(SseClient client, Progress event) {
                if (event instanceof Progress.Line line) {
                    lines.add(client, line);
                } else if (event instanceof Progress.StageEvent) {
                    lines.flush(client);
                    sendFlow(client, run);
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
                sendNow(client, run);
            }
        });
    }

    /** The boxes as they are, then how the run ended. */
    private void sendNow(SseClient client, String run) {
        Optional<RunId.Found> found = runs.find(run);
        sendFlow(client, run);
        client.sendEvent("end", LiveFollow.oneLine(templates.render("ended.jte",
                new EndedView("run", found.map(RunPage::state).orElse("done"), RunPage.href(found, run)))));
    }

    /** The boxes, and the run's state for the page's header (swapped in out of band, by its id). */
    private void sendFlow(SseClient client, String run) {
        runs.find(run).ifPresent(found -> client.sendEvent("flow", LiveFollow.oneLine(templates.render("flow.jte",
                runs.boxes(found)) + templates.render("runstate.jte", RunPage.state(found)))));
    }
}
