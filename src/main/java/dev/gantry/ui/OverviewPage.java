package dev.gantry.ui;

import dev.gantry.GantryException;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.LiveColour;
import dev.gantry.store.KnownService;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /ui/}: one row per service the server knows (what is live, its replicas, its last run, its last hour of
 * requests), and the run queue. Read in a fixed number of queries however many services there are (issue #14 asks
 * for 200 services in 200 ms; bench/ui-overview measures it): discovery listed once, and the store asked for the live
 * releases' runs and the newest run of every service, each in one go, and the newest minutes of every service's
 * request figures (the older minutes of the hour are kept: {@link RecentRequests}).
 */
final class OverviewPage {
    private final Store store;
    private final Discovery discovery;
    private final RunQueue queue;
    private final Templates templates;
    private final Clock clock;
    private final RecentRequests requests;

    OverviewPage(Store store, Discovery discovery, RunQueue queue, Templates templates, Clock clock) {
        this.store = store;
        this.discovery = discovery;
        this.queue = queue;
        this.templates = templates;
        this.clock = clock;
        this.requests = new RecentRequests(store.requestFigures());
    }

    void show(Context ctx) {
        Instant now = clock.instant();
        Map<String, LiveColour> colours = Map.of();
        String note = null;
        try {
            colours = discovery.allLive();
        } catch (GantryException e) {
            note = "discovery did not answer: " + e.getMessage();
        }
        Map<String, LiveNow> live = LiveNow.of(store, colours);
        Map<String, RunRecord> last = store.runs().newestOfEach();
        Map<String, RequestRates> traffic = requests.lastHour(now);
        var rows = rows(store.services().all(), live, note, last, traffic, now);
        Session session = SessionGate.session(ctx);
        var queued = queue.active().stream().map(run -> queueRow(run, session)).toList();
        templates.page(ctx, 200, "overview.jte", new OverviewView(Frame.of("Services", session), rows, queued));
    }

    private static List<OverviewView.ServiceRow> rows(List<KnownService> services, Map<String, LiveNow> live,
                                                      String note, Map<String, RunRecord> last,
                                                      Map<String, RequestRates> traffic, Instant now) {
        return services.stream().map(KnownService::name).map(name -> row(name, Optional.ofNullable(live.get(name)),
                note, Optional.ofNullable(last.get(name)), Optional.ofNullable(traffic.get(name)), now)).toList();
    }

    private static OverviewView.ServiceRow row(String name, Optional<LiveNow> live, String note, Optional<RunRecord> last,
                                               Optional<RequestRates> traffic, Instant now) {
        return new OverviewView.ServiceRow(name, UiPaths.service(name),
                live.map(l -> l.colour().word()).orElse(null),
                live.map(LiveNow::release).orElse(null),
                live.map(l -> RunLabels.printable(l.title())).orElse(null),
                live.flatMap(l -> l.putLive().flatMap(RunRecord::finishedAt)).map(at -> "live since "
                        + HumanTime.ago(at, now)).orElse(null),
                live.map(LiveNow::replicas).orElse(null),
                live.map(LiveNow::belowWanted).orElse(false),
                note,
                last.map(run -> UiPaths.run(run.id())).orElse(null),
                last.map(run -> RunLabels.kind(run.kind(), run.trigger()) + " " + run.id()).orElse(null),
                last.map(run -> run.state().word()).orElse(null),
                last.map(run -> HumanTime.duration(run.duration())).orElse(null),
                traffic.map(RequestRates::sparkline).orElse(null));
    }

    private static OverviewView.QueueRow queueRow(QueuedRun run, Session session) {
        String href = run.runId().map(UiPaths::run).orElse(UiPaths.queued(run.id()));
        return new OverviewView.QueueRow(href, run.request().service(), run.request().describe(), run.state().word(),
                RunLabels.printable(run.request().trigger()),
                CancelAction.offered(session, run) ? UiPaths.cancel(run.id()) : null);
    }
}
