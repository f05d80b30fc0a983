package dev.gantry.ui;

import dev.gantry.GantryException;
import dev.gantry.discovery.Discovery;
import dev.gantry.lock.DeployLocks;
import dev.gantry.lock.Lease;
import dev.gantry.server.Scope;
import dev.gantry.server.TestedDeploy;
import dev.gantry.store.KnownService;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /ui/services/{service}}: the service's history (its newest runs: kind, result, trigger, commit), what is
 * live, its deploy lock, and the buttons its session's scope allows: roll back and deploy a tested release again
 * (deploy), release the lock (admin); and a link to its audit log.
 */
final class HistoryPage {
    /** As many runs as the API's history gives. */
    static final int RUNS = 50;

    private final Store store;
    private final Discovery discovery;
    private final TestedDeploy deploys;
    private final Templates templates;
    private final Answers answers;

    HistoryPage(Store store, Discovery discovery, TestedDeploy deploys, Templates templates, Answers answers) {
        this.store = store;
        this.discovery = discovery;
        this.deploys = deploys;
        this.templates = templates;
        this.answers = answers;
    }

    void show(Context ctx) {
        Session session = SessionGate.session(ctx);
        Optional<KnownService> known = answers.known(ctx, session);
        if (known.isEmpty()) {
            return;
        }
        String name = known.get().name();
        String live;
        boolean isLive;
        Optional<String> liveImage = Optional.empty();
        try {
            Optional<LiveNow> now = LiveNow.of(store, discovery, name);
            isLive = now.isPresent();
            liveImage = now.map(l -> l.record().image());
            live = now.map(l -> l.colour().word() + ": " + l.release() + " " + RunLabels.printable(l.title()) + " ("
                    + l.replicas() + ")").orElse("nothing is live");
        } catch (GantryException e) {
            isLive = false;
            live = "unknown: discovery did not answer: " + e.getMessage();
        }
        Optional<Lease> lock = new DeployLocks(store).status(name);
        Optional<String> notAgain = liveImage;
        Function<String, Optional<String>> refusals = session.allows(Scope.DEPLOY) ? deploys.refusals(name)
                : image -> Optional.of("no deploy scope");
        var runs = store.runs().history(name, RUNS).stream().map(run -> row(run,
                RedeployAction.offered(run, notAgain, refusals))).toList();
        templates.page(ctx, 200, "history.jte", new HistoryView(Frame.of(name, session), name,
                RunLabels.printable(known.get().branch()), live, lock.map(Lease::describe).map(RunLabels::printable)
                        .orElse(null), runs,
                isLive && session.allows(Scope.DEPLOY) ? UiPaths.rollback(name) : null,
                lock.isPresent() && session.allows(Scope.ADMIN) ? UiPaths.lockRelease(name) : null,
                UiPaths.audit(name)));
    }

    private static HistoryView.RunRow row(RunRecord run, boolean redeploy) {
        return new HistoryView.RunRow(UiPaths.run(run.id()), run.id(), RunLabels.kind(run.kind(), run.trigger()),
                run.state().word(), RunLabels.printable(run.trigger()), RunLabels.shortCommit(run.commit()),
                RunLabels.printable(run.commitTitle()), HumanTime.when(run.startedAt()), HumanTime.duration(run.duration()),
                redeploy ? UiPaths.redeploy(run.service(), run.id()) : null);
    }
}
