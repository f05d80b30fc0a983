package dev.gantry.proxy.nginx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded load through the proxy: some threads, each on its own keep-alive connection,
 * alternating GET and POST to one path until stopped, a deadline or a request count. Every
 * response that is not a 200 from some colour, and every broken connection, is a failure.
 */
final class KeepAliveLoad implements AutoCloseable {
    /** What the load saw. */
    record Result(long requests, long failures, List<String> failureSamples, long blue, long green,
            int connections, Duration took) {
    }

    private final int port;
    private final String path;
    private final Duration limit;
    private final long maxRequests;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong requests = new AtomicLong();
    private final LongAdder failures = new LongAdder();
    private final List<String> samples = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, LongAdder> colours = new ConcurrentHashMap<>();
    private final LongAdder connections = new LongAdder();
    private final List<Thread> threads = new ArrayList<>();
    private final long started = System.nanoTime();

    private KeepAliveLoad(int port, String path, Duration limit, long maxRequests) {
        this.port = port;
        this.path = path;
        this.limit = limit;
        this.maxRequests = maxRequests;
    }

    static KeepAliveLoad start(int port, String path, int clients, Duration limit, long maxRequests) {
        KeepAliveLoad load = new KeepAliveLoad(port, path, limit, maxRequests);
        for (int i = 0; i < clients; i++) {
            load.threads.add(Thread.ofPlatform().name("load-" + i).start(load::run));
        }
        return load;
    }

    long completed() {
        return requests.get();
    }

    private void run() {
        long deadline = started + limit.toNanos();
        try (KeepAliveClient client = new KeepAliveClient(port)) {
            for (long i = 0; !stop.get() && System.nanoTime() < deadline && requests.get() < maxRequests; i++) {
                try {
                    var response = i % 2 == 0 ? client.get(path + "get?i=" + i, "load.test")
                            : client.post(path + "post", "load.test", "payload-" + i);
                    String colour = response.body().split(":")[0];
                    if (response.status() != 200 || !(colour.equals("blue") || colour.equals("green"))) {
                        fail(response.status() + " " + response.body());
                    } else {
                        colours.computeIfAbsent(colour, c -> new LongAdder()).increment();
                    }
                } catch (Exception e) {
                    fail(e.toString());
                    client.disconnect();
                }
                requests.incrementAndGet();
            }
            connections.add(client.connections());
        } catch (Exception e) {
            fail("closing: " + e);
        }
    }

    private void fail(String what) {
        failures.increment();
        if (samples.size() < 10) {
            samples.add(what);
        }
    }

    /** Stops the clients and returns what they saw. */
    Result finish() {
        stop.set(true);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(40));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Result(requests.get(), failures.sum(), List.copyOf(samples), count("blue"), count("green"),
                connections.intValue(), Duration.ofNanos(System.nanoTime() - started));
    }

    private long count(String colour) {
        LongAdder adder = colours.get(colour);
        return adder == null ? 0 : adder.sum();
    }

    @Override
    public void close() {
        finish();
    }
}
