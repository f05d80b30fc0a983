package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.SetClock;
import dev.gantry.server.ApiTokens;
import dev.gantry.server.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sessions in memory: unguessable ids, a bound on how many, and an end after being idle. */
class SessionsTest {
    private static final ApiTokens.Caller VIEWER = new ApiTokens.Caller("viewer", Scope.READ, "0".repeat(64));
    private final SetClock clock = new SetClock(Instant.parse("2026-12-05T06:00:00Z"));

    @Test
    void eachSessionHasItsOwnRandom256BitIdAndCsrfToken() {
        var sessions = new Sessions(100, Duration.ofHours(8), clock);
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < 50; i++) {
            Session session = sessions.open(VIEWER);
            assertThat(session.id()).matches("[A-Za-z0-9_-]{43}");
            assertThat(session.csrf()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(session.id());
            assertThat(seen.add(session.id())).isTrue();
            assertThat(seen.add(session.csrf())).isTrue();
        }
    }

    @Test
    void beyondTheBoundTheSessionUnusedLongestIsDropped() {
        var sessions = new Sessions(3, Duration.ofHours(8), clock);
        Session first = sessions.open(VIEWER);
        Session second = sessions.open(VIEWER);
        Session third = sessions.open(VIEWER);
        sessions.use(first.id());

        Session fourth = sessions.open(VIEWER);

        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.use(second.id())).as("unused longest").isEmpty();
        assertThat(sessions.use(first.id())).isPresent();
        assertThat(sessions.use(third.id())).isPresent();
        assertThat(sessions.use(fourth.id())).isPresent();
    }

    @Test
    void aSessionIdleForTheWholeIdleTimeIsOverAndUseKeepsOneAlive() {
        var sessions = new Sessions(10, Duration.ofHours(8), clock);
        Session kept = sessions.open(VIEWER);
        Session idle = sessions.open(VIEWER);

        clock.set(clock.instant().plus(Duration.ofHours(5)));
        assertThat(sessions.use(kept.id())).isPresent();
        clock.set(clock.instant().plus(Duration.ofHours(3)));

        assertThat(sessions.use(idle.id())).isEmpty();
        assertThat(sessions.holds(idle.id())).isFalse();
        assertThat(sessions.use(kept.id())).isPresent();
        assertThat(sessions.use(null)).isEmpty();
    }

    @Test
    void anEndedSessionIsGone() {
        var sessions = new Sessions(10, Duration.ofHours(8), clock);
        Session session = sessions.open(VIEWER);

        sessions.end(session.id());

        assertThat(sessions.use(session.id())).isEmpty();
        assertThat(sessions.size()).isZero();
    }
}
