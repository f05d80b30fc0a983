package dev.gantry.ui;

import dev.gantry.discovery.Discovery;
import dev.gantry.secret.SecretMask;
import dev.gantry.server.ApiServer;
import dev.gantry.server.ApiTokens;
import dev.gantry.server.StreamSlots;
import dev.gantry.server.TestedDeploy;
import dev.gantry.store.Store;
import dev.gantry.trigger.RunQueue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The web UI of {@code gantry server} under {@code /ui} (docs/ui.md): server-rendered HTML, logged in with an API
 * token that becomes a session cookie. It checks its own credentials (sessions, not bearer tokens), so the API's
 * bearer check leaves {@code /ui} alone; what a page shows and what an action does it reads and calls where the API
 * routes do (the store, discovery, the run queue, the deploy locks).
 */
public final class UiMount implements ApiServer.Mount {
    private final Sessions sessions = new Sessions();
    private final Templates templates = new Templates();
    private final Assets assets = new Assets();
    private final ApiTokens tokens;
    private final Answers answers;
    private final Login login;
    private final OverviewPage overview;
    private final HistoryPage history;
    private final RunPage runs;
    private final RunEvents events;
    private final RollbackAction rollback;
    private final LockAction lock;
    private final CancelAction cancel;
    private final RedeployAction redeploy;
    private final AuditPage audit;

    /**
     * The UI of the server whose tokens are {@code tokens} and run queue {@code queue}, reading {@code store} and
     * {@code discovery}; its live pages take the server's stream slots ({@code streams}); it deploys again only images
     * of {@code registry} (installation.registry(), as the API), and masks each service's secrets with
     * {@code masks} (Vault::mask) in the audit log.
     */
    public UiMount(ApiTokens tokens, RunQueue queue, StreamSlots streams, Store store, Discovery discovery,
                   String registry, Function<String, SecretMask> masks) {
        TestedDeploy deploys = new TestedDeploy(store, registry, queue);
        this.tokens = tokens;
        this.answers = new Answers(templates, store);
        this.login = new Login(sessions, tokens, templates);
        this.overview = new OverviewPage(store, discovery, queue, templates, Clock.systemUTC());
        this.history = new HistoryPage(store, discovery, deploys, templates, answers);
        this.runs = new RunPage(store, queue, templates, answers, Clock.systemUTC());
        this.events = new RunEvents(runs, streams, sessions, tokens, templates);
        this.rollback = new RollbackAction(store, discovery, queue, templates, answers);
        this.lock = new LockAction(store, answers);
        this.cancel = new CancelAction(queue, answers);
        this.redeploy = new RedeployAction(store, discovery, deploys, templates, answers);
        this.audit = new AuditPage(store, masks, templates);
    }

    @Override
    public void mount(JavalinConfig config) {
        config.routes.before(new SecurityHeaders());
        config.routes.before(new SessionGate(sessions, tokens, answers));
        config.routes.addHttpHandler(HandlerType.GET, UiPaths.ROOT, overview::show);  // and /ui/ (trailing slashes ignored)
        config.routes.addHttpHandler(HandlerType.GET, UiPaths.LOGIN, login::form);
        config.routes.addHttpHandler(HandlerType.POST, UiPaths.LOGIN, login::logIn);
        config.routes.addHttpHandler(HandlerType.POST, UiPaths.LOGOUT, login::logOut);
        config.routes.addHttpHandler(HandlerType.GET, UiPaths.ASSETS + "{name}", assets::serve);
        config.routes.addHttpHandler(HandlerType.GET, UiPaths.SERVICE, history::show);
        config.routes.addHttpHandler(HandlerType.GET, UiPaths.ROLLBACK, rollback::confirm);
        config.routes.addHttpHandler(HandlerType.POST, UiPaths.ROLLBACK, rollback::submit);
        config.routes.addHttpHandler(HandlerType.POST, UiPaths.LOCK_RELEASE, lock::release);
        config.routes.addHttpHandler(HandlerType.GET, UiPaths.REDEPLOY, redeploy::confirm);
        config.routes.addHttpHandler(HandlerType.POST, UiPaths.REDEPLOY, redeploy::submit);
        config.routes.addHttpHandler(HandlerType.GET, UiPaths.AUDIT, audit::show);
        config.routes.addHttpHandler(HandlerType.GET, UiPaths.RUN, runs::show);
        config.routes.addHttpHandler(HandlerType.GET, UiPaths.RUN_EVENTS, events::stream);
        config.routes.addHttpHandler(HandlerType.POST, UiPaths.RUN_CANCEL, cancel::cancel);
    }

    /** The UI checks its own sessions. */
    @Override
    public List<String> ownAuthPrefixes() {
        return List.of(UiPaths.ROOT);
    }
}
