package dev.gantry.proxy.haproxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded keep-alive load: {@code clients} threads, each with its own HTTP/1.1 connection,
 * alternating GET and POST until stopped or {@code maxRequests} in all; counts answers by body
 * and failures (an exception or a status other than 200).
 */
final class KeepAliveLoad {
    private final URI uri;
    private final int maxRequests;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    KeepAliveLoad(URI uri, int clients, int maxRequests) {
        this.uri = uri;
        this.maxRequests = maxRequests;
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().name("load-" + i).start(this::run));
        }
    }

    private void run() {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            for (int n = 0; running.get() && sent.incrementAndGet() <= maxRequests; n++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
                request = n % 2 == 0 ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString("order " + n));
                try {
                    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        fail(response.statusCode() + " " + response.body());
                    } else {
                        answers.computeIfAbsent(response.body(), b -> new LongAdder()).increment();
                    }
                } catch (Exception e) {
                    fail(e.toString());
                }
            }
        }
    }

    private void fail(String why) {
        failed.increment();
        if (failures.size() < 10) {
            failures.add(why);
        }
    }

    /** Stops the clients and waits for them. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(15));
        }
    }

    long answered(String body) {
        LongAdder count = answers.get(body);
        return count == null ? 0 : count.sum();
    }

    long failed() {
        return failed.sum();
    }

    long total() {
        return failed() + answers.values().stream().mapToLong(LongAdder::sum).sum();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }
}
