package dev.gantry.ui;

import dev.gantry.server.ApiTokens;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * The check before every request under {@code /ui} but the login page and the assets: a session that exists, has not
 * been idle too long and whose token still holds (neither revoked nor expired), else a redirect to the login page
 * (303). A request that changes something (any method but GET and HEAD) must also come from this site (its
 * {@code Origin}, if it has one) and carry the session's CSRF token, else 403 and nothing is done. The login post, which
 * has no session yet, gets the {@code Origin} check only (and {@code SameSite=Strict} keeps other sites' posts from
 * carrying a cookie at all).
 */
final class SessionGate implements Handler {
    private static final String SESSION = "gantry.ui.session";

    private final Sessions sessions;
    private final ApiTokens tokens;
    private final Answers answers;

    SessionGate(Sessions sessions, ApiTokens tokens, Answers answers) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.answers = answers;
    }

    /** The session the gate let the request through with. */
    static Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    @Override
    public void handle(Context ctx) {
        String path = ctx.path();
        if (!UiPaths.under(path)) {
            return;
        }
        if (UiPaths.open(path)) {
            if (changes(ctx) && RequestOrigin.foreign(ctx)) {
                refuse(ctx, Frame.anonymous("Refused"), "This form was sent from another site (its Origin is "
                        + ctx.header("Origin") + "). Log in from this server's own login page.");
            }
            return;
        }
        Optional<String> id = SessionCookie.read(ctx);
        Optional<Session> session = id.flatMap(sessions::use).filter(this::tokenHolds);
        if (session.isEmpty()) {
            if (id.isPresent()) {
                SessionCookie.clear(ctx);
            }
            Answers.seeOther(ctx, UiPaths.LOGIN);
            ctx.skipRemainingHandlers();
            return;
        }
        if (changes(ctx) && RequestOrigin.foreign(ctx)) {
            refuse(ctx, Frame.of("Refused", session.get()), "This form was sent from another site (its Origin is "
                    + ctx.header("Origin") + "), so nothing was done.");
            return;
        }
        if (changes(ctx) && !Csrf.carries(ctx, session.get())) {
            refuse(ctx, Frame.of("Refused", session.get()), "This form did not carry the CSRF token of your session,"
                    + " so nothing was done. Reload the page and send the form again.");
            return;
        }
        ctx.attribute(SESSION, session.get());
    }

    /** Whether the token the session logged in with still holds; if not, the session ends. */
    private boolean tokenHolds(Session session) {
        if (tokens.withdrawn(session.caller()).isPresent()) {
            sessions.end(session.id());
            return false;
        }
        return true;
    }

    private void refuse(Context ctx, Frame frame, String message) {
        answers.error(ctx, 403, frame, "Refused", message);
        ctx.skipRemainingHandlers();
    }

    private static boolean changes(Context ctx) {
        String method = ctx.method().name();
        return !method.equals("GET") && !method.equals("HEAD");
    }
}
