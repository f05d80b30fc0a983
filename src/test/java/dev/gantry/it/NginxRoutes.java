package dev.gantry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The managed nginx's route table as nginx serves it: {@code GET /_gantry/routes} on its admin
 * endpoint (docs/proxy-nginx.md), asked with a plain HTTP/1.0 request over a socket channel, so
 * that only {@link #endpoint()} says where the endpoint is (today an owner-only unix socket). The
 * table's version ({@code X-Routes-Version}) is left out: a change undone is a new version of the
 * same table.
 */
final class NginxRoutes implements ProductionState.ProxyRoutes {
    private final Path dir;

    NginxRoutes(Path home) {
        this.dir = home.resolve("proxy").resolve("nginx");
    }

    @Override
    public List<String> table() {
        String answer = get("/_gantry/routes");
        int body = answer.indexOf("\r\n\r\n");
        if (!answer.startsWith("HTTP/1.1 200") || body < 0) {
            throw new IllegalStateException("nginx's admin endpoint answered GET /_gantry/routes with: " + answer);
        }
        return answer.substring(body + 4).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .sorted().toList();
    }

    /** Where the admin endpoint listens: the owner-only unix socket {@code nginx/admin/admin.sock}. */
    private SocketAddress endpoint() {
        return UnixDomainSocketAddress.of(dir.resolve("admin").resolve("admin.sock"));
    }

    private String get(String path) {
        SocketAddress endpoint = endpoint();
        try (SocketChannel channel = SocketChannel.open(endpoint)) {
            channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " on nginx's admin endpoint " + endpoint + " failed", e);
        }
    }
}
