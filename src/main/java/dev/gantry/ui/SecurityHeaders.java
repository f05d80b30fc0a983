package dev.gantry.ui;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * The headers of every answer under {@code /ui}: a Content-Security-Policy that lets the page load scripts, styles and
 * connections from this server only and no inline script or style at all, nor any frame around it; no content-type
 * sniffing; the referrer only to this server; and no caching (the assets say otherwise for themselves).
 */
final class SecurityHeaders implements Handler {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    public void handle(Context ctx) {
        if (!UiPaths.under(ctx.path())) {
            return;
        }
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");  // no-referrer makes browsers send "Origin: null" on our own posts
        ctx.header("X-Frame-Options", "DENY");  // frame-ancestors for browsers that predate it
        ctx.header("Cache-Control", "no-store");
    }
}
