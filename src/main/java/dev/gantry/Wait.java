package dev.gantry;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way Gantry waits for something: look every {@code interval} until what it sees is enough or
 * {@code atMost} has passed, and keep what it saw last for the message. It always looks once, so a
 * wait of zero is one try. A wait {@link #soon} looks again after 1 ms, doubling the pause up to its
 * interval, for what usually holds within milliseconds (a proxy on the switch path). An interrupted
 * thread (a stage past its deadline) stops it at once with {@link Interrupted}, which names what it
 * was waiting for.
 */
public final class Wait {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(1);

    private final String what;
    private final Duration interval;
    private final Duration atMost;
    private final boolean backOff;

    private Wait(String what, Duration interval, Duration atMost, boolean backOff) {
        this.what = what;
        this.interval = interval;
        this.atMost = atMost;
        this.backOff = backOff;
    }

    /** A wait for {@code what} (as a message names it: "the health checks"), looking every {@code interval}, at most {@code atMost}. */
    public static Wait forThe(String what, Duration interval, Duration atMost) {
        return new Wait(what, interval, atMost, false);
    }

    /** A wait for what usually holds soon: pauses of 1 ms, doubling up to {@code longestPause}, at most {@code atMost}. */
    public static Wait soon(String what, Duration longestPause, Duration atMost) {
        return new Wait(what, longestPause, atMost, true);
    }

    /** Looks until {@code enough} holds on what {@code look} returns, or the time is up; says what it saw last. */
    public <T> Seen<T> until(Supplier<T> look, Predicate<? super T> enough) {
        long deadline = System.nanoTime() + atMost.toNanos();
        long pause = backOff ? Math.min(FIRST_PAUSE.toNanos(), interval.toNanos()) : interval.toNanos();
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new Interrupted(what);
            }
            T seen = look.get();
            if (enough.test(seen)) {
                return new Seen<>(seen, true);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Seen<>(seen, false);
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(pause, left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Interrupted(what);
            }
            pause = Math.min(pause * 2, interval.toNanos());
        }
    }

    /** What a wait saw last, and whether that was enough. */
    public record Seen<T>(T last, boolean met) {
    }

    /** The waiting thread was interrupted: its stage passed its deadline, or its process is stopping. */
    public static final class Interrupted extends GantryException {
        public Interrupted(String what) {
            super("interrupted while waiting for " + what + ": Gantry was told to stop (Ctrl-C, or its server stopping)."
                    + " Run the command again; gantry history shows how far the run got.");
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.RUN_FAILED;
        }
    }
}
