package dev.gantry.ui;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The CSRF check of a request that changes something: it must send its session's CSRF token back, in the form field
 * {@code csrf} or the header {@code X-CSRF-Token}; compared in constant time, so how long a refusal takes says nothing
 * about how close a guess was (OWASP's synchronizer token pattern).
 */
final class Csrf {
    /** The hidden form field every form of the UI carries. */
    static final String FIELD = "csrf";
    /** The header a script may send it in instead. */
    static final String HEADER = "X-CSRF-Token";

    private Csrf() {
    }

    /** Whether the request carries the CSRF token of {@code session}. */
    static boolean carries(Context ctx, Session session) {
        String sent = ctx.header(HEADER);
        if (sent == null) {
            sent = ctx.formParam(FIELD);
        }
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8));
    }
}
