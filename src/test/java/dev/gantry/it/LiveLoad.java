package dev.gantry.it;

import dev.gantry.proxy.nginx.KeepAliveClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Requests to the live service through the proxy while one matrix case runs: {@value #CLIENTS}
 * clients, each on its own raw HTTP/1.1 keep-alive connection ({@link KeepAliveClient}), a GET every
 * {@value #PAUSE_MS} ms. Nothing retries behind the test's back: a connection error or a status other
 * than 2xx is a failed request, and the next request opens a new connection as a real client would.
 * Bounded: it stops by itself after {@value #LIMIT_MINUTES} minutes.
 */
final class LiveLoad implements AutoCloseable {
    private static final int CLIENTS = 2;
    private static final long PAUSE_MS = 25;
    private static final long LIMIT_MINUTES = 10;

    /** What the load saw: requests that ended (answered or failed) and every failure, oldest first. */
    record Tally(long requests, List<String> failures) {
    }

    private final ScheduledExecutorService clients = Executors.newScheduledThreadPool(CLIENTS);
    private final List<KeepAliveClient> connections = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private long requests;

    private LiveLoad(int port, String path) {
        for (int i = 0; i < CLIENTS; i++) {
            KeepAliveClient client = new KeepAliveClient(port);
            connections.add(client);
            clients.scheduleWithFixedDelay(() -> request(client, path), 0, PAUSE_MS, TimeUnit.MILLISECONDS);
        }
        clients.schedule(clients::shutdown, LIMIT_MINUTES, TimeUnit.MINUTES);
    }

    /** Starts the load on {@code path} through the proxy listening on 127.0.0.1:{@code port}. */
    static LiveLoad start(int port, String path) {
        return new LiveLoad(port, path);
    }

    private void request(KeepAliveClient client, String path) {
        String failure = null;
        try {
            KeepAliveClient.Response response = client.get(path, "127.0.0.1");
            if (response.status() < 200 || response.status() > 299) {
                failure = response.status() + " " + response.body();
            }
        } catch (IOException | RuntimeException e) {
            failure = "no answer: " + e;
            client.disconnect();
        }
        synchronized (this) {
            requests++;
            if (failure != null) {
                failures.add(failure);
            }
        }
    }

    /** Stops the load, lets the requests in flight end, and answers what it saw. */
    Tally stop() {
        close();
        return tally();
    }

    /** What the load saw so far. */
    synchronized Tally tally() {
        return new Tally(requests, List.copyOf(failures));
    }

    @Override
    public void close() {
        clients.shutdownNow();
        try {
            // A request in flight ends by its answer or by the client's read timeout, and is counted.
            if (!clients.awaitTermination(40, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the live load's clients did not stop within 40 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.forEach(KeepAliveClient::close);
        }
    }
}
