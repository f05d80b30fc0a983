package dev.gantry.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Optional;

/**
 * Every request but the open paths needs {@code Authorization: Bearer <token>} of a stored token that
 * has not expired (RFC 6750); otherwise 401 with {@code WWW-Authenticate: Bearer}, before any handler
 * reads the body. A token whose scope is too low for the request ({@link ScopeRules}) gets 403, saying
 * which scope it needs. The caller is kept on the request: its name for the run's trigger text, its
 * token for the streams that check it while they are open.
 */
final class BearerAuth implements Handler {
    /** The request attribute that holds the name of the token the request came with. */
    static final String TOKEN_NAME = "gantry.token";
    /** The request attribute that holds the {@link ApiTokens.Caller}. */
    static final String CALLER = "gantry.caller";
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
        Optional<String> token = bearer(ctx.header("Authorization"));
        Optional<ApiTokens.Caller> caller = token.flatMap(tokens::caller);
        if (caller.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"gantry\"").status(401).contentType("application/json")
                    .result(Json.write(Json.error(tokens.refusal(token.orElse(null))
                            + " Send it as Authorization: Bearer <token>.")));
            ctx.skipRemainingHandlers();
            return;
        }
        Scope needed = ScopeRules.needed(ctx.method().name(), path);
        if (!caller.get().scope().allows(needed)) {
            ApiRoutes.json(ctx, 403, ScopeRules.forbidden(caller.get(), needed, ctx.method().name() + " " + path));
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(TOKEN_NAME, caller.get().name());
        ctx.attribute(CALLER, caller.get());
    }

    private static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(PREFIX.length()).strip());
    }
}
