package dev.gantry.ui;

import dev.gantry.server.ApiTokens;
import dev.gantry.server.Scope;
import java.time.Instant;

/**
 * One person logged in to the web UI: the session id their cookie carries, who they are (the name and scope of the API
 * token they logged in with), the CSRF token every form of theirs sends back, and when they were last seen.
 */
record Session(String id, ApiTokens.Caller caller, String csrf, Instant lastSeen) {

    /** The same session, seen at {@code now}. */
    Session seen(Instant now) {
        return new Session(id, caller, csrf, now);
    }

    /** Whether the token it logged in with may do what needs {@code needed}. */
    boolean allows(Scope needed) {
        return caller.scope().allows(needed);
    }

    /** Who asked, as the runs it queues record it: {@code ui (token NAME)}, as the API's are {@code api (token NAME)}. */
    String trigger() {
        return "ui (token " + caller.name() + ")";
    }
}
