package dev.gantry.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Optional;

/**
 * Every request but the open paths needs {@code Authorization: Bearer <token>} of a stored token
 * (RFC 6750); otherwise 401 with {@code WWW-Authenticate: Bearer}, before any handler reads the
 * body. The token's name is kept on the request for the run's trigger text.
 */
final class BearerAuth implements Handler {
    /** The request attribute that holds the name of the token the request came with. */
    static final String TOKEN_NAME = "gantry.token";
    private static final String PREFIX = "Bearer ";

    private final ApiTokens tokens;
    private final List<String> openPaths;
    private final List<String> openPrefixes;

    /** Checks tokens against {@code tokens}; paths equal to one of {@code openPaths} or under {@code openPrefixes} are open. */
    BearerAuth(ApiTokens tokens, List<String> openPaths, List<String> openPrefixes) {
        this.tokens = tokens;
        this.openPaths = List.copyOf(openPaths);
        this.openPrefixes = List.copyOf(openPrefixes);
    }

    @Override
    public void handle(Context ctx) {
        String path = ctx.path();
        if (openPaths.contains(path) || openPrefixes.stream().anyMatch(path::startsWith)) {
            return;
        }
        Optional<String> name = bearer(ctx.header("Authorization")).flatMap(tokens::verify);
        if (name.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"gantry\"").status(401).contentType("application/json")
                    .result(Json.write(Json.error("This needs an API token: send Authorization: Bearer <token>."
                            + " Create one with `gantry token create NAME`.")));
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(TOKEN_NAME, name.get());
    }

    private static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(PREFIX.length()).strip());
    }
}
