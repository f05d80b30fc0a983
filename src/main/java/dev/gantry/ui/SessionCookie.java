package dev.gantry.ui;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * The cookie {@code gantry_session} that carries a session id: {@code HttpOnly} (no script reads it),
 * {@code SameSite=Strict} (no other site's page sends it), {@code Path=/ui}, and {@code Secure} when the request came
 * over TLS. No {@code Max-Age}: it ends with the browser, and the server ends it sooner ({@link Sessions}).
 */
final class SessionCookie {
    static final String NAME = "gantry_session";

    private SessionCookie() {
    }

    /** The session id the request carries, if any. */
    static Optional<String> read(Context ctx) {
        return Optional.ofNullable(ctx.cookie(NAME)).filter(id -> !id.isEmpty());
    }

    /** Sets the cookie to {@code sessionId}. */
    static void set(Context ctx, String sessionId) {
        ctx.header("Set-Cookie", NAME + "=" + sessionId + attributes(ctx));
    }

    /** Tells the browser to forget the cookie. */
    static void clear(Context ctx) {
        ctx.header("Set-Cookie", NAME + "=; Max-Age=0" + attributes(ctx));
    }

    private static String attributes(Context ctx) {
        return "; Path=" + UiPaths.ROOT + "; HttpOnly; SameSite=Strict" + (RequestOrigin.overTls(ctx) ? "; Secure" : "");
    }
}
