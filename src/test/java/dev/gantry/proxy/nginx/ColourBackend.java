package dev.gantry.proxy.nginx;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.proxy.Backend;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One replica of a colour: answers GET and POST with {@code <colour>:<port>} over HTTP/1.1 keep-alive.
 * A request under {@code /slow} is held until {@link #releaseSlow()}, so a test can switch while it is in flight.
 */
final class ColourBackend implements AutoCloseable {
    private final String colour;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final AtomicInteger slowArrived = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();

    private ColourBackend(String colour) throws IOException {
        this.colour = colour;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static ColourBackend start(String colour) throws IOException {
        return new ColourBackend(colour);
    }

    Backend backend() {
        return new Backend("127.0.0.1", server.getAddress().getPort());
    }

    /** The body this replica answers with. */
    String body() {
        return colour + ":" + server.getAddress().getPort();
    }

    int slowArrived() {
        return slowArrived.get();
    }

    int served() {
        return served.get();
    }

    void releaseSlow() {
        slowRelease.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().contains("/slow")) {
                slowArrived.incrementAndGet();
                if (!slowRelease.await(30, TimeUnit.SECONDS)) {
                    exchange.sendResponseHeaders(504, -1);
                    return;
                }
            }
            byte[] body = (body() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            served.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        slowRelease.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
