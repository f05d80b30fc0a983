package dev.gantry.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a replica's health endpoint how it is: the HTTP status, or -1 when it does not answer. */
@FunctionalInterface
public interface HealthCheck {

    /** The status {@code url} answers with within {@code timeout}, or -1. */
    int status(String url, Duration timeout);

    /**
     * Whether a health check that got {@code status} passed: a 2xx only (docs/design.md, "Changes since the first design"); a redirect is not
     * health (a service that sends /health to a login page is not ready).
     */
    static boolean passed(int status) {
        return status >= 200 && status < 300;
    }

    /** The real check: an HTTP GET. */
    static HealthCheck http() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return (url, timeout) -> {
            try {
                return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        };
    }
}
