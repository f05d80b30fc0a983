package dev.gantry.ui;

import dev.gantry.server.ApiTokens;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Logging in and out: {@code GET /ui/login} shows the form; {@code POST /ui/login} takes an API token (form field
 * {@code token}) and, if it is a stored token that has not expired, opens a session for it, sets the session cookie
 * and sends the browser to the overview (303); a wrong token gets the form again with 401 and why, and no cookie.
 * {@code POST /ui/logout} ends the session and clears the cookie. The token itself is never kept: only who it is.
 */
final class Login {
    private static final String FORM = "login.jte";

    private final Sessions sessions;
    private final ApiTokens tokens;
    private final Templates templates;

    Login(Sessions sessions, ApiTokens tokens, Templates templates) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.templates = templates;
    }

    void form(Context ctx) {
        templates.page(ctx, 200, FORM, new LoginView(Frame.anonymous("Log in"), null));
    }

    void logIn(Context ctx) {
        String token = Optional.ofNullable(ctx.formParam("token")).map(String::strip).orElse("");
        Optional<ApiTokens.Caller> caller = tokens.caller(token);
        if (caller.isEmpty()) {
            templates.page(ctx, 401, FORM, new LoginView(Frame.anonymous("Log in"), tokens.refusal(token)));
            return;
        }
        SessionCookie.read(ctx).ifPresent(sessions::end);
        Session session = sessions.open(caller.get());
        SessionCookie.set(ctx, session.id());
        Answers.seeOther(ctx, UiPaths.HOME);
    }

    void logOut(Context ctx) {
        sessions.end(SessionGate.session(ctx).id());
        SessionCookie.clear(ctx);
        Answers.seeOther(ctx, UiPaths.LOGIN);
    }
}
