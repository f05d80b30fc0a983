package dev.gantry.poll;

import dev.gantry.config.Durations;
import dev.gantry.config.MaskedUrl;
import dev.gantry.git.RemoteFetch;
import dev.gantry.server.GantryServer;
import dev.gantry.store.ServiceRows;
import dev.gantry.trigger.RunQueue;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polling the services' remotes while {@code gantry server} runs, the fallback trigger when no push or
 * webhook comes (docs/polling.md): a round at once, then one {@code poll-interval} after the end of the
 * previous round, so a slow remote never stacks rounds.
 */
public final class RemotePolling implements GantryServer.Task {
    /** How long stopping waits for a round in progress; its fetch is cut short after that. */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer;
    private final PrintStream log;

    RemotePolling(Runnable round, Duration every, PrintStream log) {
        this.log = log;
        this.timer = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "gantry-poll");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> guarded(round), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts polling the remotes of the services of {@code services} {@code every} poll-interval (nothing
     * when it is 0), fetching new heads with {@code fetch} and queueing their runs on {@code queue};
     * what happens goes to {@code log}.
     */
    public static GantryServer.Task start(Duration every, ServiceRows services, RemoteFetch fetch, RunQueue queue,
            PrintStream log) {
        if (every.isZero()) {
            log.println("polling remotes: off (poll-interval is 0)");
            return () -> { };
        }
        var round = new PollRound(services, fetch, queue, new PollProblems(log));
        log.println("polling remotes: every " + Durations.format(every));
        return new RemotePolling(round, every, log);
    }

    /** Stops polling: no new round; a round in progress is interrupted and waited for a little. */
    @Override
    public void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A round that throws would end the schedule: it is logged instead, and the next round comes. */
    private void guarded(Runnable round) {
        try {
            round.run();
        } catch (RuntimeException e) {
            log.println("warning: a polling round failed: " + MaskedUrl.mask(String.valueOf(e.getMessage()))
                    + "; the next round comes in one poll-interval");
        }
    }
}
