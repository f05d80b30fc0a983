package dev.gantry.notify;

import java.time.Duration;
import java.util.List;

/**
 * How hard a notification is tried: attempts per channel, the pause before each retry, and the time
 * one attempt may take. {@link #deadline()} bounds the whole delivery, so a run never waits longer.
 */
record RetryPolicy(int attempts, List<Duration> backoff, Duration attemptTimeout) {
    /** Three attempts, 1 s and 2 s apart, 5 s each: at most about 25 s. */
    static final RetryPolicy STANDARD = new RetryPolicy(3, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)),
            Duration.ofSeconds(5));
    private static final Duration MARGIN = Duration.ofSeconds(5);

    RetryPolicy {
        if (attempts < 1 || backoff.size() < attempts - 1) {
            throw new IllegalArgumentException("a retry policy needs at least one attempt and a pause before each retry");
        }
        backoff = List.copyOf(backoff);
    }

    /** The pause after failed attempt {@code attempt} (1-based), before the next. */
    Duration pauseAfter(int attempt) {
        return backoff.get(attempt - 1);
    }

    /** The longest a delivery to every channel may take: each attempt, each pause, and a margin. */
    Duration deadline() {
        Duration total = attemptTimeout.multipliedBy(attempts).plus(MARGIN);
        for (int attempt = 1; attempt < attempts; attempt++) {
            total = total.plus(pauseAfter(attempt));
        }
        return total;
    }

    /** Waits between attempts; tests pass one that only records. */
    @FunctionalInterface
    interface Pause {
        /** The real pause. */
        Pause SLEEP = Thread::sleep;

        void pause(Duration duration) throws InterruptedException;
    }
}
