package dev.gantry.notify;

import java.time.Duration;
import java.util.List;

/**
 * How hard a notification is tried: attempts per channel, the pause after each failed attempt, the
 * time one attempt may take, and the deadline of the whole delivery, after which a run waits no longer.
 */
record RetryPolicy(int attempts, List<Duration> backoff, Duration attemptTimeout, Duration deadline) {
    /**
     * Three attempts, 1 s and 2 s apart, 5 s each; 3 × 5 s + 3 s is 18 s, and an SMTP attempt may take
     * a little longer (its connect, read and write each have 5 s), so the deadline is 25 s.
     */
    static final RetryPolicy STANDARD = new RetryPolicy(3, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)),
            Duration.ofSeconds(5), Duration.ofSeconds(25));

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

    /** Waits between attempts; tests pass one that only records. */
    @FunctionalInterface
    interface Pause {
        /** The real pause. */
        Pause SLEEP = Thread::sleep;

        void pause(Duration duration) throws InterruptedException;
    }
}
