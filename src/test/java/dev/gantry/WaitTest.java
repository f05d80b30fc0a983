package dev.gantry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitTest {
    private static final Duration NO_PAUSE = Duration.ofMillis(1);

    @AfterEach
    void clearTheInterrupt() {
        Thread.interrupted();
    }

    @Test
    void itLooksUntilWhatItSeesIsEnoughAndReturnsThat() {
        var looks = new AtomicInteger();

        var seen = Wait.forThe("three looks", NO_PAUSE, Duration.ofMinutes(1)).until(looks::incrementAndGet, n -> n == 3);

        assertThat(seen).isEqualTo(new Wait.Seen<>(3, true));
    }

    @Test
    void pastItsTimeItReturnsWhatItSawLastNotMet() {
        var looks = new AtomicInteger();

        var seen = Wait.forThe("never", Duration.ofMillis(5), Duration.ofMillis(30)).until(looks::incrementAndGet, n -> false);

        assertThat(seen.met()).isFalse();
        assertThat(seen.last()).isEqualTo(looks.get()).isGreaterThan(1);
    }

    @Test
    void aWaitOfZeroLooksExactlyOnce() {
        var looks = new AtomicInteger();

        var seen = Wait.forThe("one try", Duration.ofSeconds(1), Duration.ZERO).until(looks::incrementAndGet, n -> false);

        assertThat(seen).isEqualTo(new Wait.Seen<>(1, false));
    }

    @Test
    void anInterruptedThreadStopsAtOnceNamingWhatItWaitedFor() {
        Thread.currentThread().interrupt();
        var looks = new AtomicInteger();

        assertThatThrownBy(() -> Wait.forThe("the deploy lock of books-ms", Duration.ofSeconds(1), Duration.ofMinutes(5))
                .until(looks::incrementAndGet, n -> false))
                .isInstanceOf(Wait.Interrupted.class)
                .hasMessageStartingWith("interrupted while waiting for the deploy lock of books-ms");
        assertThat(looks).hasValue(0);
    }

    @Test
    void anInterruptDuringALookEndsTheWaitBeforeItsPause() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> Wait.forThe("the health checks", Duration.ofMinutes(1), Duration.ofMinutes(5))
                .until(() -> {
                    Thread.currentThread().interrupt();
                    return 0;
                }, n -> false))
                .isInstanceOf(Wait.Interrupted.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aWaitForWhatHoldsSoonLooksUntilItHoldsAndAlsoLooksOnceWithNoTimeLeft() {
        var looks = new AtomicInteger();

        assertThat(Wait.soon("a proxy", Duration.ofMillis(20), Duration.ofMinutes(1)).until(looks::incrementAndGet, n -> n == 5))
                .isEqualTo(new Wait.Seen<>(5, true));
        assertThat(Wait.soon("a proxy", Duration.ofMillis(20), Duration.ZERO).until(looks::incrementAndGet, n -> false))
                .isEqualTo(new Wait.Seen<>(6, false));
    }
}
