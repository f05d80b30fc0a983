package dev.gantry.server;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which scope each request of the API needs (docs/server.md, "Tokens"): every GET needs {@code read};
 * a deploy, a rollback or a scale, cancelling a queued request, and Alertmanager's notices (which scale), {@code deploy}; anything else that changes something (releasing a lock, and
 * any route added later until it is listed here) {@code admin}, so that a new route is never open by mistake.
 */
public final class ScopeRules {
    private static final Pattern DEPLOYS = Pattern.compile(ApiRoutes.BASE + "/services/[^/]+/(deploy|rollback|scale)");
    private static final Pattern QUEUED = Pattern.compile(ApiRoutes.BASE + "/queue/[^/]+");

    private ScopeRules() {
    }

    /** The scope a request of {@code method} on {@code path} needs. */
    static Scope needed(String method, String path) {
        if (method.equals("GET") || method.equals("HEAD")) {
            return Scope.READ;
        }
        if (method.equals("POST") && (DEPLOYS.matcher(path).matches() || path.equals(ApiRoutes.ALERTS))) {
            return Scope.DEPLOY;
        }
        if (method.equals("DELETE") && QUEUED.matcher(path).matches()) {
            return Scope.DEPLOY;
        }
        return Scope.ADMIN;
    }

    /** The body of a 403: the refusal, the scope needed and the scope held. */
    static Map<String, Object> forbidden(ApiTokens.Caller caller, Scope needed, String what) {
        return Map.of("error", refusal(caller, needed, what), "needs", needed.word(), "scope", caller.scope().word());
    }

    /** What a refused request is told: which scope it needs and which it has (the web UI tells the same). */
    public static String refusal(ApiTokens.Caller caller, Scope needed, String what) {
        return what + " needs a token of scope " + needed.word() + " (or higher); the token " + caller.name()
                + " has scope " + caller.scope().word() + ". Create one with `gantry token create NAME --scope "
                + needed.word() + "`.";
    }
}
