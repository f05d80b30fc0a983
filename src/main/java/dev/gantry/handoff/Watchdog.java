package dev.gantry.handoff;

import java.io.IOException;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a channel that is still waiting when its time is up, which ends any read or write blocked on it. Either
 * the watchdog closes the channel or {@link #cancel} stops it, never both.
 */
final class Watchdog implements AutoCloseable {
    private final AtomicBoolean decided = new AtomicBoolean();
    private final Thread thread;

    private Watchdog(Channel channel, Duration time) {
        this.thread = Thread.ofVirtual().name("gantry-handoff-watchdog").unstarted(() -> {
            try {
                Thread.sleep(time);
                if (decided.compareAndSet(false, true)) {
                    channel.close();
                }
            } catch (InterruptedException | IOException e) {
                // cancelled, or the channel is closed already
            }
        });
    }

    /** Closes {@code channel} after {@code time} unless cancelled first. */
    static Watchdog closing(Channel channel, Duration time) {
        var watchdog = new Watchdog(channel, time);
        watchdog.thread.start();
        return watchdog;
    }

    /** The wait is over: answers true if that was in time (the channel stays open), false if the watchdog closed it. */
    boolean cancel() {
        boolean inTime = decided.compareAndSet(false, true);
        thread.interrupt();
        return inTime;
    }

    @Override
    public void close() {
        cancel();
    }
}
