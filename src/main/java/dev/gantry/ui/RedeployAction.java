package dev.gantry.ui;

import dev.gantry.GantryException;
import dev.gantry.discovery.Discovery;
import dev.gantry.server.Scope;
import dev.gantry.server.TestedDeploy;
import dev.gantry.store.KnownService;
import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Function;

/**
 * Deploying a tested release again (scope deploy), from a row of the service's history:
 * {@code GET /ui/services/{service}/deploy?run=ID} shows what is live and what would go live (the image run ID built,
 * tested and pushed) with a form to confirm; {@code POST} (field {@code run}) queues the deploy as
 * {@code POST /api/v1/services/{service}/deploy} does, through the same {@link TestedDeploy} (trigger
 * {@code ui (token NAME)}), and sends the browser to the queued run's page. A run that is not the service's, did not
 * pass its tests or push an image, or whose image is not deployable, is refused (404 or 400) and nothing is queued.
 */
final class RedeployAction {
    private static final String WHAT = "Deploying a release again";

    private final Store store;
    private final Discovery discovery;
    private final TestedDeploy deploys;
    private final Templates templates;
    private final Answers answers;

    RedeployAction(Store store, Discovery discovery, TestedDeploy deploys, Templates templates, Answers answers) {
        this.store = store;
        this.discovery = discovery;
        this.deploys = deploys;
        this.templates = templates;
        this.answers = answers;
    }

    /**
     * Whether the history offers "Deploy again" for {@code run}: a run whose image is not live and is deployable
     * (no refusal from {@code refusals}, {@link TestedDeploy#refusals} of its service).
     */
    static boolean offered(RunRecord run, Optional<String> liveImage, Function<String, Optional<String>> refusals) {
        return run.kind().equals("run") && run.image().isPresent() && !run.image().equals(liveImage)
                && refusals.apply(run.image().get()).isEmpty();
    }

    void confirm(Context ctx) {
        asked(ctx, ctx.queryParam("run")).ifPresent(asked -> {
            String name = asked.service();
            RunRecord run = asked.run();
            String liveNow;
            try {
                liveNow = LiveNow.of(store, discovery, name).map(LiveNow::summary).orElse("nothing");
            } catch (GantryException e) {
                liveNow = "unknown: discovery did not answer: " + e.getMessage();
            }
            templates.page(ctx, 200, "redeploy.jte", new RedeployView(Frame.of("Deploy " + name + " again",
                    asked.session()), name, UiPaths.service(name), liveNow, run.id(), UiPaths.run(run.id()),
                    RunLabels.shortCommit(run.commit()), RunLabels.printable(run.commitTitle()), run.image().orElseThrow(),
                    run.finishedAt().map(HumanTime::when).orElse(""), UiPaths.redeploy(name), null));
        });
    }

    void submit(Context ctx) {
        asked(ctx, ctx.formParam("run")).ifPresent(asked -> answers.queued(ctx, asked.session(),
                () -> deploys.submit(asked.service(), asked.run().image().orElseThrow(), false,
                        asked.session().trigger())));
    }

    /** Who asked to deploy again which run of which service. */
    private record Asked(Session session, String service, RunRecord run) {
    }

    /**
     * What the request asks for, if the service is known, the session may deploy and {@code runText} names a
     * deployable run of it; otherwise answers why (404, 403, 400) and is empty.
     */
    private Optional<Asked> asked(Context ctx, String runText) {
        Session session = SessionGate.session(ctx);
        Optional<KnownService> known = answers.known(ctx, session);
        if (known.isEmpty() || !answers.allowed(ctx, session, Scope.DEPLOY, WHAT)) {
            return Optional.empty();
        }
        String name = known.get().name();
        return tested(ctx, session, name, runText).map(run -> new Asked(session, name, run));
    }

    /**
     * The run {@code text} names, if it is a run of {@code service} with an image; otherwise answers 400 (no number,
     * no image, or one not deployable) or 404 (no such run of the service) and is empty.
     */
    private Optional<RunRecord> tested(Context ctx, Session session, String service, String text) {
        Optional<Long> id = Optional.ofNullable(text).filter(t -> t.matches("[0-9]{1,18}")).map(Long::parseLong);
        if (id.isEmpty()) {
            refuse(ctx, session, service, 400, "Say which run's release to deploy again: run=ID, a run id as the"
                    + " history lists them.");
            return Optional.empty();
        }
        Optional<RunRecord> run = store.runs().find(id.get()).filter(r -> r.service().equals(service));
        if (run.isEmpty()) {
            refuse(ctx, session, service, 404, service + " has no run " + id.get() + ". Its history lists its runs.");
            return Optional.empty();
        }
        if (run.get().image().isEmpty() || !run.get().kind().equals("run")) {
            refuse(ctx, session, service, 400, "Run " + id.get() + " of " + service + " pushed no image of its own"
                    + " (a " + run.get().kind() + " that did not get that far, or a deploy, rollback or scale): deploy"
                    + " again the run that built and tested the release.");
            return Optional.empty();
        }
        Optional<String> refusal = deploys.refusals(service).apply(run.get().image().get());
        refusal.ifPresent(why -> refuse(ctx, session, service, 400, why));
        return refusal.isEmpty() ? run : Optional.empty();
    }

    private void refuse(Context ctx, Session session, String service, int status, String why) {
        templates.page(ctx, status, "redeploy.jte", new RedeployView(Frame.of("Not deployed", session), service,
                UiPaths.service(service), null, 0, null, null, null, null, null, null, why));
    }
}
