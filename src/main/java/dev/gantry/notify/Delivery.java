package dev.gantry.notify;

import dev.gantry.Reason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends one notification to its channels, all at once, each with the retries of a {@link RetryPolicy}.
 * Every attempt is logged, every failure is also a warning, and nothing is thrown.
 */
final class Delivery {
    private final RetryPolicy policy;
    private final RetryPolicy.Pause pause;
    private final NotificationLog log;
    private final Consumer<String> warnings;

    Delivery(RetryPolicy policy, RetryPolicy.Pause pause, NotificationLog log, Consumer<String> warnings) {
        this.policy = policy;
        this.pause = pause;
        this.log = log;
        this.warnings = warnings;
    }

    /** Sends {@code n} to every channel; returns when all are done or the policy's deadline has passed. */
    void send(Notification n, List<Channel> channels) {
        List<Callable<Boolean>> tasks = channels.stream().<Callable<Boolean>>map(c -> () -> deliver(n, c)).toList();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Boolean>> results = threads.invokeAll(tasks, policy.deadline().toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < results.size(); i++) {
                Future<Boolean> result = results.get(i);
                if (result.state() == Future.State.CANCELLED) {
                    warn(n, channels.get(i), "gave up waiting after " + policy.deadline().toMillis() / 1000.0 + "s; not sent");
                } else if (result.state() == Future.State.FAILED) {
                    warn(n, channels.get(i), "not sent: " + result.exceptionNow());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.write(n, "interrupted while sending; some channels may not have been told");
        } finally {
            threads.shutdownNow();
        }
    }

    /** Tries {@code channel} until it takes {@code n} or the attempts run out; says whether it took it. */
    boolean deliver(Notification n, Channel channel) {
        for (int attempt = 1; ; attempt++) {
            try {
                channel.send(n, policy.attemptTimeout());
                log.write(n, channel.name() + ": delivered on attempt " + attempt + " of " + policy.attempts());
                return true;
            } catch (RuntimeException e) {
                boolean last = attempt == policy.attempts();
                Duration pauseAfter = last ? Duration.ZERO : policy.pauseAfter(attempt);
                warn(n, channel, "attempt " + attempt + " of " + policy.attempts() + " failed: " + reason(e)
                        + (last ? "; not sent" : "; trying again in " + pauseAfter.toMillis() / 1000.0 + "s"));
                if (last || !paused(pauseAfter)) {
                    return false;
                }
            }
        }
    }

    private boolean paused(Duration duration) {
        try {
            pause.pause(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void warn(Notification n, Channel channel, String text) {
        log.write(n, channel.name() + ": " + text);
        warnings.accept("notification of run " + n.runId() + " (" + n.event().word() + ") to " + channel.name() + ": "
                + text + " (" + log.file() + ")");
    }

    private static String reason(RuntimeException e) {
        return Reason.of(e);
    }
}
