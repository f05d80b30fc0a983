package dev.gantry.proxy.nginx;

import dev.gantry.Reason;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.ProxyUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * nginx's admin endpoint on its owner-only unix socket, served by gantry.lua: {@code PUT /_gantry/routes}
 * replaces the route table atomically for every worker and answers its new version (400 and the
 * reason when the table is invalid); {@code PUT /_gantry/check} answers the same without storing it;
 * {@code GET /_gantry/inflight} lists backends with requests in flight.
 * HTTP/1.0, one request per connection: nginx then answers without chunking and closes (RFC 1945).
 */
final class AdminClient {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private final Path socket;

    AdminClient(Path socket) {
        this.socket = socket;
    }

    /** Replaces the whole route table; returns its version once every worker routes by it. */
    long putRoutes(String table) {
        Answer answer = send("PUT", "/_gantry/routes", table);
        String body = answer.body().strip();
        if (answer.status() == 400) {
            throw refused(answer);
        }
        if (answer.status() != 200 || !body.matches("\\d+")) {
            throw new ProxyUnavailableException("nginx's admin socket " + socket + " answered " + answer.status() + " "
                    + body + " to a new route table; see nginx's error log.");
        }
        return Long.parseLong(body);
    }

    /**
     * Has nginx parse {@code table} as {@link #putRoutes} would, storing nothing. An nginx started by
     * an older Gantry has no check endpoint (404): then only the put checks the table.
     */
    void checkRoutes(String table) {
        Answer answer = send("PUT", "/_gantry/check", table);
        if (answer.status() == 400) {
            throw refused(answer);
        }
        if (answer.status() != 200 && answer.status() != 404) {
            throw new ProxyUnavailableException("nginx's admin socket " + socket + " answered " + answer.status() + " "
                    + answer.body().strip() + " to a route table to check; see nginx's error log.");
        }
    }

    /** {@code <ip:port> <count>} per backend with requests in flight, one a line. */
    String inflight() {
        return send("GET", "/_gantry/inflight", "").body();
    }

    /**
     * Takes the lines of answered requests nginx kept (gantry.lua), oldest first; none from an nginx started
     * by a Gantry without them (404).
     */
    String takeRequests() {
        Answer answer = send("GET", "/_gantry/requests", "");
        return answer.status() == 200 ? answer.body() : "";
    }

    /** Whether nginx answers on the socket. */
    boolean answers() {
        try {
            return send("GET", "/_gantry/inflight", "").status() == 200;
        } catch (ProxyUnavailableException e) {
            return false;
        }
    }

    private static ProxyException refused(Answer answer) {
        return new ProxyException("nginx refused the new route table: " + answer.body().strip()
                + ". The previous routes stay.");
    }

    record Answer(int status, String body) {
        static Answer parse(String response) {
            int head = response.indexOf("\r\n\r\n");
            String[] statusLine = response.substring(0, Math.max(0, response.indexOf("\r\n"))).split(" ", 3);
            if (head < 0 || statusLine.length < 2 || !statusLine[1].matches("\\d{3}")) {
                throw new ProxyUnavailableException("nginx's admin socket answered something that is not HTTP: "
                        + response.lines().findFirst().orElse("(nothing)"));
            }
            return new Answer(Integer.parseInt(statusLine[1]), response.substring(head + 4));
        }
    }

    private Answer send(String method, String path, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String request = method + " " + path + " HTTP/1.0\r\nHost: gantry\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + content.length + "\r\n\r\n" + body;
        String what = method + " " + path + " on nginx's admin socket " + socket;
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // closing the channel at the deadline ends a blocked read
            CompletableFuture<String> response = CompletableFuture.supplyAsync(() -> exchange(channel, request),
                    Thread::startVirtualThread);
            return Answer.parse(response.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            throw new ProxyUnavailableException(what + " got no answer within " + DEADLINE.toSeconds() + "s; see nginx's"
                    + " error log.");
        } catch (ExecutionException | IOException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new ProxyUnavailableException(what + " failed: " + cause.getMessage()
                    + ". nginx may have stopped; the next gantry command starts it again.", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyUnavailableException("interrupted during " + what, e);
        }
    }

    private String exchange(SocketChannel channel, String request) {
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Channels.newOutputStream(channel).write(request.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            Channels.newInputStream(channel).transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(Reason.of(e), e);
        }
    }
}
