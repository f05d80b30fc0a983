package dev.gantry.ui;

import dev.gantry.GantryException;
import dev.gantry.server.ScopeRules;
import dev.gantry.server.Scope;
import dev.gantry.store.KnownService;
import dev.gantry.store.Store;
import dev.gantry.trigger.QueueClosedException;
import dev.gantry.trigger.QueueFullException;
import dev.gantry.trigger.QueuedRun;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The answers the UI's pages and actions share: a redirect, a request queued (or refused), a refusal for the scope, an
 * unknown service.
 */
final class Answers {
    private final Templates templates;
    private final Store store;

    Answers(Templates templates, Store store) {
        this.templates = templates;
        this.store = store;
    }

    /** 303 See Other to {@code location}: after a form's post, the browser gets the page with GET. */
    static void seeOther(Context ctx, String location) {
        ctx.status(303).header("Location", location);
    }

    /**
     * Queues what {@code submit} asks for and sends the browser to the queued run's page; when it is refused, answers a
     * page saying why: 503 when the queue is full or closed, 400 when the request's own check refused it.
     */
    void queued(Context ctx, Session session, Supplier<QueuedRun> submit) {
        try {
            seeOther(ctx, UiPaths.queued(submit.get().id()));
        } catch (QueueFullException | QueueClosedException e) {
            error(ctx, 503, Frame.of("Not queued", session), "Not queued", e.getMessage());
        } catch (GantryException e) {
            error(ctx, 400, Frame.of("Not queued", session), "Not queued", e.getMessage());
        }
    }

    /** Answers an error page with {@code status}. */
    void error(Context ctx, int status, Frame frame, String heading, String message) {
        templates.page(ctx, status, "error.jte", new ErrorView(frame, heading, message));
    }

    /**
     * Whether {@code session} may do {@code what}, which needs {@code needed}; if not, answers 403 saying so, in the
     * API's words. The pages hide what a session may not do; this refuses it when it is asked for anyway.
     */
    boolean allowed(Context ctx, Session session, Scope needed, String what) {
        if (session.allows(needed)) {
            return true;
        }
        error(ctx, 403, Frame.of("Not allowed", session), "Not allowed",
                ScopeRules.refusal(session.caller(), needed, what) + " Then log out and in with it.");
        return false;
    }

    /** The service of the path, if the server knows it; otherwise answers 404 and is empty. */
    Optional<KnownService> known(Context ctx, Session session) {
        String name = ctx.pathParam("service");
        Optional<KnownService> service = store.services().find(name);
        if (service.isEmpty()) {
            error(ctx, 404, Frame.of("Unknown service", session), "Unknown service",
                    "The server does not know the service " + name + ". Add it: gantry service add " + name);
        }
        return service;
    }
}
