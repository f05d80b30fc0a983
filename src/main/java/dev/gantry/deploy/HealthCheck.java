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
