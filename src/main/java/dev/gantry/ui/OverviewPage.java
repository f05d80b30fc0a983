package dev.gantry.ui;

import dev.gantry.GantryException;
import dev.gantry.discovery.Discovery;
import dev.gantry.store.KnownService;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** {@code GET /ui/}: one row per service the server knows (what is live, its last run), and the run queue. */
final class OverviewPage {
    private final Store store;
    private final Discovery discovery;
    private final RunQueue queue;
    private final Templates templates;
    private final Clock clock;

    OverviewPage(Store store, Discovery discovery, RunQueue queue, Templates templates, Clock clock) {
        this.store = store;
        this.discovery = discovery;
        this.queue = queue;
        this.templates = templates;
        this.clock = clock;
    }

    void show(Context ctx) {
        Instant now = clock.instant();
        var rows = store.services().all().stream().map(service -> row(service, now)).toList();
        Session session = SessionGate.session(ctx);
        var queued = queue.active().stream().map(run -> queueRow(run, session)).toList();
        templates.page(ctx, 200, "overview.jte", new OverviewView(Frame.of("Services", session), rows, queued));
    }

    private OverviewView.ServiceRow row(KnownService service, Instant now) {
        String name = service.name();
        Optional<LiveNow> live = Optional.empty();
        String note = null;
        try {
            live = LiveNow.of(store, discovery, name);
        } catch (GantryException e) {
            note = "discovery did not answer: " + e.getMessage();
        }
        Optional<RunRecord> last = store.runs().history(name, 1).stream().findFirst();
        return new OverviewView.ServiceRow(name, UiPaths.service(name),
                live.map(l -> l.colour().word()).orElse(null),
                live.map(LiveNow::release).orElse(null),
                live.map(l -> RunLabels.printable(l.title())).orElse(null),
                live.flatMap(l -> l.putLive().flatMap(RunRecord::finishedAt)).map(at -> "live since "
                        + HumanTime.ago(at, now)).orElse(null),
                live.map(LiveNow::replicas).orElse(null),
                note,
                last.map(run -> UiPaths.run(run.id())).orElse(null),
                last.map(run -> RunLabels.kind(run.kind(), run.trigger()) + " " + run.id()).orElse(null),
                last.map(run -> run.state().word()).orElse(null),
                last.map(run -> HumanTime.duration(run.duration())).orElse(null));
    }

    private static OverviewView.QueueRow queueRow(QueuedRun run, Session session) {
        String href = run.runId().map(UiPaths::run).orElse(UiPaths.queued(run.id()));
        return new OverviewView.QueueRow(href, run.request().service(), run.request().describe(), run.state().word(),
                RunLabels.printable(run.request().trigger()),
                CancelAction.offered(session, run) ? UiPaths.cancel(run.id()) : null);
    }
}
