package dev.gantry.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests to the live service through the proxy, from two keep-alive clients, every 25 ms each,
 * for as long as a test runs (bounded: it stops by itself after {@code limit}). Counts what was
 * sent and keeps every failure: a status other than 200, or no answer.
 */
final class LiveLoad implements AutoCloseable {
    private static final int CLIENTS = 2;

    private final ScheduledExecutorService clients = Executors.newScheduledThreadPool(CLIENTS);
    private final AtomicLong sent = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    private LiveLoad(String url, Duration limit) {
        for (int i = 0; i < CLIENTS; i++) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            clients.scheduleWithFixedDelay(() -> request(client, url), 0, 25, TimeUnit.MILLISECONDS);
        }
        clients.schedule(clients::shutdown, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the load on {@code url}. */
    static LiveLoad start(String url, Duration limit) {
        return new LiveLoad(url, limit);
    }

    private void request(HttpClient client, String url) {
        sent.incrementAndGet();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                failures.add(response.statusCode() + " " + response.body().strip());
            }
        } catch (IOException e) {
            failures.add("no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many requests were sent so far. */
    long sent() {
        return sent.get();
    }

    /** Every failed request so far, oldest first. */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void close() {
        clients.shutdownNow();
        try {
            clients.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
