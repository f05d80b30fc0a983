package dev.gantry.ui;

import dev.gantry.server.ApiTokens;
import dev.gantry.server.RunId;
import dev.gantry.server.StreamSlots;
import dev.gantry.server.TokenWatch;
import dev.gantry.trigger.Progress;
import dev.gantry.trigger.ProgressFeed;
import dev.gantry.trigger.QueuedRun;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.Optional;

/**
 * {@code GET /ui/runs/{run}/events}: the run page's live boxes, as Server-Sent Events that htmx's SSE extension swaps
 * in. An event {@code flow} carries the boxes' HTML each time a stage starts or ends (from the queued run's progress,
 * as the API's log stream hears it); an event {@code end} says how the run ended, and the page closes the stream. Each
 * stream takes one of the server's stream slots, which log streams take too ({@code server-max-log-streams}; 429
 * beyond). A stream ends when its session ends or its token is revoked or expires (checked every
 * {@link TokenWatch#EVERY}).
 */
final class RunEvents {
    private final RunPage runs;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final Templates templates;
    private final StreamSlots slots;

    RunEvents(RunPage runs, StreamSlots slots, Sessions sessions, ApiTokens tokens, Templates templates) {
        this.runs = runs;
        this.slots = slots;
        this.sessions = sessions;
        this.tokens = tokens;
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
        Optional<QueuedRun> live = runs.find(run).flatMap(RunId.Found::queued).filter(q -> !q.isOver());
        if (live.isEmpty()) {
            sendNow(client, run);
            client.close();
            return;
        }
        TokenWatch token = new TokenWatch(tokens, session.caller());
        try (ProgressFeed feed = live.get().subscribe()) {
            sendFlow(client, run);
            while (!client.terminated()) {
                Optional<Progress> next = feed.next(TokenWatch.EVERY);
                if (!sessions.holds(session.id()) || token.withdrawn().isPresent()) {
                    client.sendEvent("end", "<p>Your session ended; log in again to follow the run.</p>");
                    return;
                }
                if (next.isEmpty()) {
                    client.sendComment("keep-alive");
                } else if (next.get() instanceof Progress.End) {
                    sendNow(client, run);
                    return;
                } else if (next.get() instanceof Progress.StageEvent) {
                    sendFlow(client, run);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }

    /** The boxes as they are, then how the run ended. */
    private void sendNow(SseClient client, String run) {
        Optional<RunId.Found> found = runs.find(run);
        sendFlow(client, run);
        String href = found.flatMap(RunId.Found::stored).map(r -> UiPaths.run(r.id())).orElse(UiPaths.runNamed(run));
        client.sendEvent("end", oneLine(templates.render("ended.jte",
                new EndedView(found.map(RunPage::state).orElse("done"), href))));
    }

    private void sendFlow(SseClient client, String run) {
        runs.find(run).ifPresent(found -> client.sendEvent("flow", oneLine(templates.render("flow.jte", runs.boxes(found)))));
    }

    /** An event's data on one line: the fragments hold no preformatted text, so line breaks are only layout. */
    private static String oneLine(String html) {
        return html.replace("\r", "").replace('\n', ' ');
    }
}
