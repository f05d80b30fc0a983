package dev.gantry.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the token that opened a long request (a log stream, a push following its run) still
 * holds: asked as often as the request likes, it looks into the store at most once per {@link #EVERY}.
 */
public final class TokenWatch {
    /** How often the store is asked: the longest a revoked or expired token keeps an open request. */
    public static final Duration EVERY = Duration.ofSeconds(3);

    private final ApiTokens tokens;
    private final ApiTokens.Caller caller;
    private final Clock clock;
    private Instant checked;

    /** Watches {@code caller}'s token in {@code tokens}. */
    public TokenWatch(ApiTokens tokens, ApiTokens.Caller caller) {
        this(tokens, caller, Clock.systemUTC());
    }

    TokenWatch(ApiTokens tokens, ApiTokens.Caller caller, Clock clock) {
        this.tokens = tokens;
        this.caller = caller;
        this.clock = clock;
        this.checked = clock.instant();
    }

    /** Why the token no longer holds (revoked, expired), if it does not and {@link #EVERY} has passed since the last look. */
    public synchronized Optional<String> withdrawn() {
        Instant now = clock.instant();
        if (Duration.between(checked, now).compareTo(EVERY) < 0) {
            return Optional.empty();
        }
        checked = now;
        return tokens.withdrawn(caller);
    }
}
