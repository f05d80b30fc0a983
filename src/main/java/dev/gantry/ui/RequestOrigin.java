package dev.gantry.ui;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;

/**
 * Where a request came from and how: over TLS (directly, or through a proxy that terminates it and says so with
 * {@code X-Forwarded-Proto: https}), and whether its {@code Origin} header names another site than the one it was sent
 * to ({@code Host}), which a browser adds to a cross-site form post.
 */
final class RequestOrigin {
    private RequestOrigin() {
    }

    /** Whether the request came over TLS, so that a cookie set in the answer should be {@code Secure}. */
    static boolean overTls(Context ctx) {
        return ctx.scheme().equalsIgnoreCase("https")
                || "https".equalsIgnoreCase(String.valueOf(ctx.header("X-Forwarded-Proto")).strip());
    }

    /**
     * Whether the request carries an {@code Origin} whose host and port are not this server's ({@code Host}); an
     * {@code Origin} of {@code null} (a sandboxed page, a redirect across sites) counts as foreign. No {@code Origin}
     * at all is not foreign: older browsers send none on a same-site post.
     */
    static boolean foreign(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        String host = ctx.header("Host");
        return host == null || !authority(origin).equals(host.strip().toLowerCase(Locale.ROOT));
    }

    private static String authority(String origin) {
        try {
            String authority = URI.create(origin.strip()).getRawAuthority();
            return authority == null ? "" : authority.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
