package dev.gantry.ui;

import dev.gantry.server.ApiTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The web UI's sessions, in memory only (a restart logs everybody out): at most {@code max}, the one unused longest
 * dropped to make room for a new one; a session unused for {@code idle} is over. A session never outlives its token:
 * {@link SessionGate} asks the token store at every request, so a revoked or expired token ends it at once.
 */
final class Sessions {
    /** How many sessions are kept at most. */
    static final int MAX = 10_000;
    /** How long a session may go unused. */
    static final Duration IDLE = Duration.ofHours(8);

    private final int max;
    private final Duration idle;
    private final Clock clock;
    private final LinkedHashMap<String, Session> byId = new LinkedHashMap<>(16, 0.75f, true);  // least recently used first

    Sessions() {
        this(MAX, IDLE, Clock.systemUTC());
    }

    Sessions(int max, Duration idle, Clock clock) {
        this.max = max;
        this.idle = idle;
        this.clock = clock;
    }

    /** A new session for {@code caller}, with a new id and CSRF token. */
    synchronized Session open(ApiTokens.Caller caller) {
        while (byId.size() >= max) {
            byId.pollFirstEntry();
        }
        Session session = new Session(RandomToken.create(), caller, RandomToken.create(), clock.instant());
        byId.put(session.id(), session);
        return session;
    }

    /** The session of {@code id}, if it exists and has not been idle too long; it counts as used now. */
    synchronized Optional<Session> use(String id) {
        Session session = id == null ? null : byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(session.lastSeen().plus(idle))) {
            byId.remove(id);
            return Optional.empty();
        }
        Session seen = session.seen(now);
        byId.put(id, seen);
        return Optional.of(seen);
    }

    /** Whether the session of {@code id} still exists (a live update asks, without using it). */
    synchronized boolean holds(String id) {
        return byId.containsKey(id);
    }

    /** Ends the session of {@code id}, if there is one. */
    synchronized void end(String id) {
        byId.remove(id);
    }

    /** How many sessions there are. */
    synchronized int size() {
        return byId.size();
    }
}
