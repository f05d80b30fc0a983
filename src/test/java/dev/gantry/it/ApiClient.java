package dev.gantry.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A client of a running {@code gantry server}: JSON requests with or without a token, and its SSE log streams. */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same server with another token (null: none). */
    ApiClient withToken(String other) {
        return new ApiClient(base, other);
    }

    HttpResponse<String> send(String method, String path, String body) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    /** The JSON body of a GET that must answer 200. */
    JsonNode json(String path) {
        return parse(get(path), 200);
    }

    /** The JSON body of {@code response}, which must have {@code status}. */
    static JsonNode parse(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ", not " + status + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Starts reading the event stream at {@code path}; it ends at the {@code end} event or when the server closes it. */
    EventStream stream(String path) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build();
        var stream = new EventStream();
        stream.done = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> stream.read(response.body()));
        return stream;
    }

    /** One SSE event as it arrived. */
    record Event(String name, JsonNode data, Instant arrived) {
    }

    /** The events of one stream, collected as they arrive. */
    static final class EventStream {
        final List<Event> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done;

        private void read(Stream<String> lines) {
            String[] name = {null};
            lines.forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).strip();
                } else if (line.startsWith("data:") && name[0] != null) {
                    try {
                        events.add(new Event(name[0], JSON.readTree(line.substring(5).strip()), Instant.now()));
                    } catch (IOException e) {
                        throw new UncheckedIOException("bad event data: " + line, e);
                    }
                } else if (line.isEmpty()) {
                    name[0] = null;
                }
            });
        }
    }
}
