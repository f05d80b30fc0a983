package dev.gantry.notify;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A channel that fails its first {@code failures} attempts, then records what it is sent. */
final class RecordingChannel implements Channel {
    private final String name;
    private final int failures;
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<Notification> received = new CopyOnWriteArrayList<>();

    RecordingChannel(String name, int failures) {
        this.name = name;
        this.failures = failures;
    }

    /** A channel that takes everything at the first attempt. */
    static RecordingChannel working(String name) {
        return new RecordingChannel(name, 0);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Notification notification, Duration timeout) {
        int attempt = attempts.incrementAndGet();
        if (attempt <= failures) {
            throw new DeliveryException("the receiver answered HTTP 500 (attempt " + attempt + ")");
        }
        received.add(notification);
    }

    int attempts() {
        return attempts.get();
    }

    List<Notification> received() {
        return received;
    }
}
