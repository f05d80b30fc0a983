package dev.gantry.proxy;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition of a proxy on the switch path: asks at once, then after 1 ms, doubling the
 * pause up to 20 ms, so a condition that holds soon ends the wait within a millisecond or two
 * instead of a fixed 20 ms tick, and one that takes long costs a query every 20 ms.
 */
public final class Poll {
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(20);

    private Poll() {
    }

    /** Whether {@code condition} held before {@code deadline} passed. */
    public static boolean until(BooleanSupplier condition, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        long pause = Duration.ofMillis(1).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, LONGEST_PAUSE.toNanos());
        }
        return true;
    }
}
