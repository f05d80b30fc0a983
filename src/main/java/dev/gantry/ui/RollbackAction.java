package dev.gantry.ui;

import dev.gantry.GantryException;
import dev.gantry.discovery.Discovery;
import dev.gantry.pipeline.RollbackTarget;
import dev.gantry.server.Scope;
import dev.gantry.stage.RunListener;
import dev.gantry.store.KnownService;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Rolling a service back (scope deploy): {@code GET /ui/services/{service}/rollback} shows what is live and what would
 * go live instead ({@link RollbackTarget}, as the rollback itself chooses) with a form to confirm;
 * {@code POST} queues the rollback as {@code POST /api/v1/services/{service}/rollback} does (a {@link RunRequest#rollback}
 * on the server's run queue, trigger {@code ui (token NAME)}) and sends the browser to the queued run's page.
 */
final class RollbackAction {
    private static final String WHAT = "Rolling back";

    private final Store store;
    private final Discovery discovery;
    private final RunQueue queue;
    private final Templates templates;
    private final Answers answers;

    RollbackAction(Store store, Discovery discovery, RunQueue queue, Templates templates, Answers answers) {
        this.store = store;
        this.discovery = discovery;
        this.queue = queue;
        this.templates = templates;
        this.answers = answers;
    }

    void confirm(Context ctx) {
        Session session = SessionGate.session(ctx);
        Optional<KnownService> known = answers.known(ctx, session);
        if (known.isEmpty() || !answers.allowed(ctx, session, Scope.DEPLOY, WHAT)) {
            return;
        }
        String name = known.get().name();
        Frame frame = Frame.of("Roll back " + name, session);
        try {
            String liveNow = LiveNow.of(store, discovery, name).map(LiveNow::summary).orElse("nothing");
            RunRecord target = RollbackTarget.of(store, discovery, name);
            templates.page(ctx, 200, "rollback.jte", new RollbackView(frame, name, UiPaths.service(name), liveNow,
                    RunLabels.shortCommit(target.commit()), RunLabels.printable(target.commitTitle()),
                    target.image().orElse(""), target.finishedAt().map(HumanTime::when).orElse(""),
                    UiPaths.rollback(name), null));
        } catch (GantryException e) {
            templates.page(ctx, 409, "rollback.jte", new RollbackView(frame, name, UiPaths.service(name), null, null,
                    null, null, null, null, e.getMessage()));
        }
    }

    void submit(Context ctx) {
        Session session = SessionGate.session(ctx);
        Optional<KnownService> known = answers.known(ctx, session);
        if (known.isEmpty() || !answers.allowed(ctx, session, Scope.DEPLOY, WHAT)) {
            return;
        }
        answers.queued(ctx, session, () -> queue.submit(RunRequest.rollback(known.get().name(), session.trigger(),
                RunListener.SILENT)));
    }
}
