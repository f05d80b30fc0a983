package dev.gantry.heal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Production's healing on a schedule, inside {@code gantry server} or {@code gantry watch}: every {@code interval}
 * after the end of the previous round, on a thread of its own, the route keeper and the crash-loop guard each take a
 * look. A look that fails (Docker or the proxy unreachable for a moment) is reported once and the next round comes.
 */
public final class Watch implements AutoCloseable {
    /** The default time between two rounds: a change reaches the routes within it and one health check. */
    public static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** One look of a round, named for the warning when it fails. */
    private record Look(String what, Runnable look) {
    }

    private final ScheduledExecutorService timer;
    private final PrintStream log;
    private final Map<String, String> lastFailure = new HashMap<>();

    private Watch(List<Look> looks, Duration interval, PrintStream log) {
        this.log = log;
        this.timer = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "gantry-watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> looks.forEach(this::look), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The route keeper and the crash-loop guard, a round every {@code interval}; what changes goes to {@code log}. */
    public static Watch start(RouteKeeper keeper, CrashLoopGuard guard, Duration interval, PrintStream log) {
        log.println("routes follow the replicas and a release that keeps crashing is rolled back: a look every "
                + interval.toMillis() + " ms");
        return new Watch(List.of(new Look("at the replicas", keeper::look), new Look("for crash loops", guard::look)),
                interval, log);
    }

    /** Stops: no new round; one in progress is interrupted and waited for a little. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A look that throws would end the schedule: it is reported once per kind of failure instead. */
    private void look(Look look) {
        try {
            look.look().run();
            if (lastFailure.remove(look.what()) != null) {
                log.println("the look " + look.what() + " works again");
            }
        } catch (RuntimeException e) {
            String failure = String.valueOf(e.getMessage());
            if (!failure.equals(lastFailure.put(look.what(), failure))) {
                log.println("warning: a look " + look.what() + " failed: " + failure + "; looking again every interval");
            }
        }
    }
}
