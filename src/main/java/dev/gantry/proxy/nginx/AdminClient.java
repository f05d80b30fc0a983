package dev.gantry.proxy.nginx;

import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.ProxyUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * nginx's admin endpoint on 127.0.0.1, served by gantry.lua: {@code PUT /_gantry/routes} replaces
 * the route table atomically for every worker and answers its new version (400 and the reason
 * when the table is invalid); {@code GET /_gantry/inflight} lists backends with requests in flight.
 */
final class AdminClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One for the process: a client is costly to build and keeps its connection to nginx alive. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(TIMEOUT).build();

    private final URI base;

    AdminClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port + "/_gantry/");
    }

    /** Replaces the whole route table; returns its version once every worker routes by it. */
    long putRoutes(String table) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("routes")).timeout(TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(table)).build());
        String body = response.body().strip();
        if (response.statusCode() == 400) {
            throw new ProxyException("nginx refused the new route table: " + body + ". The previous routes stay.");
        }
        if (response.statusCode() != 200 || !body.matches("\\d+")) {
            throw new ProxyUnavailableException("nginx's admin endpoint " + base + "routes answered "
                    + response.statusCode() + " " + body + " to a new route table; see nginx's error log.");
        }
        return Long.parseLong(body);
    }

    /** {@code <ip:port> <count>} per backend with requests in flight, one a line. */
    String inflight() {
        return send(HttpRequest.newBuilder(base.resolve("inflight")).timeout(TIMEOUT).GET().build()).body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProxyUnavailableException("Reaching nginx's admin endpoint " + request.uri() + " failed: " + e
                    + ". nginx may have stopped; the next gantry command starts it again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyUnavailableException("interrupted while talking to nginx's admin endpoint " + request.uri(), e);
        }
    }
}
