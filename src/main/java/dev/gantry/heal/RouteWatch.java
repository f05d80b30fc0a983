package dev.gantry.heal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The route keeper on a schedule: a look every {@code interval} after the end of the previous one, on a
 * thread of its own, inside {@code gantry server} or {@code gantry watch}. A look that fails (Docker or the
 * proxy unreachable for a moment) is reported and the next one comes.
 */
public final class RouteWatch implements AutoCloseable {
    /** The default time between two looks: a change reaches the routes within it and one health check. */
    public static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer;
    private final PrintStream log;
    private volatile String lastFailure;

    private RouteWatch(RouteKeeper keeper, Duration interval, PrintStream log) {
        this.log = log;
        this.timer = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "gantry-route-watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> look(keeper), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts looking every {@code interval}; what changes goes to {@code log}. */
    public static RouteWatch start(RouteKeeper keeper, Duration interval, PrintStream log) {
        log.println("routes follow the replicas: a look every " + interval.toMillis() + " ms");
        return new RouteWatch(keeper, interval, log);
    }

    /** Stops: no new look; one in progress is interrupted and waited for a little. */
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
    private void look(RouteKeeper keeper) {
        try {
            keeper.look();
            if (lastFailure != null) {
                log.println("routes follow the replicas again");
                lastFailure = null;
            }
        } catch (RuntimeException e) {
            String failure = String.valueOf(e.getMessage());
            if (!failure.equals(lastFailure)) {
                log.println("warning: a look at the replicas failed: " + failure + "; looking again every interval");
                lastFailure = failure;
            }
        }
    }
}
