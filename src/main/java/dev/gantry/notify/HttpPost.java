package dev.gantry.notify;

import dev.gantry.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** POSTs a JSON document; an answer other than 2xx is a failed delivery. One HTTP client, made on first use. */
final class HttpPost {
    private static final int SHOWN_ANSWER = 200;
    private HttpClient client;

    /** Posts {@code json} to {@code url}; the connection and the answer each have {@code timeout}. */
    void json(URI url, String json, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "gantry")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = client(timeout).send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] start = body.readNBytes(SHOWN_ANSWER);
                if (response.statusCode() / 100 != 2) {
                    String answer = new String(start, StandardCharsets.UTF_8).strip();
                    throw new DeliveryException("the receiver answered HTTP " + response.statusCode()
                            + (answer.isEmpty() ? "" : " (" + answer + ")"));
                }
            }
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("no answer within " + timeout.toSeconds() + "s", e);
        } catch (ConnectException e) {
            throw new DeliveryException("cannot connect to " + url.getHost() + ":" + port(url)
                    + " (is the receiver running and the address right?)", e);
        } catch (IOException e) {
            throw new DeliveryException(Reason.of(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while waiting for the receiver", e);
        }
    }

    private synchronized HttpClient client(Duration timeout) {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return client;
    }

    private static int port(URI url) {
        return url.getPort() > 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
    }
}
