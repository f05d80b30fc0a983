package dev.gantry.proxy.haproxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.proxy.Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HTTP/1.1 keep-alive backend on 127.0.0.1 that answers GET and POST with its colour; a
 * request to {@code /slow} is held until the test calls {@link #releaseSlow()}.
 */
final class ColourBackend implements AutoCloseable {
    private final HttpServer server;
    private final String colour;
    private final CountDownLatch slow = new CountDownLatch(1);

    private ColourBackend(String colour) throws IOException {
        this.colour = colour;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::answer);
        server.start();
    }

    static ColourBackend start(String colour) throws IOException {
        return new ColourBackend(colour);
    }

    Backend backend() {
        return new Backend("127.0.0.1", server.getAddress().getPort());
    }

    void releaseSlow() {
        slow.countDown();
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestURI().getPath().endsWith("/slow")) {
            try {
                slow.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = colour.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        slow.countDown();
        server.stop(0);
    }
}
