package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.ProxyRequest;
import dev.gantry.proxy.RequestFeed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;

/**
 * HAProxy's answered requests, read as they are logged into the ring {@code gantry_requests} (haproxy.cfg):
 * one connection to the admin socket follows it ({@code show events gantry_requests -w -n}, new lines only)
 * and is opened again a second after HAProxy closes it (a reload, a restart); lines logged meanwhile are
 * not read. At most {@link #KEPT} requests wait for {@link #take}; past that, the newest are dropped.
 */
final class RequestEvents implements RequestFeed {
    static final int KEPT = 100_000;
    private static final Duration REOPEN = Duration.ofSeconds(1);

    private final Path socket;
    private final ArrayDeque<ProxyRequest> waiting = new ArrayDeque<>();
    private final Thread reader;
    private volatile boolean closed;
    private volatile SocketChannel channel;

    RequestEvents(Path socket) {
        this.socket = socket;
        this.reader = Thread.ofVirtual().name("haproxy-requests").start(this::follow);
    }

    @Override
    public List<ProxyRequest> take() {
        synchronized (waiting) {
            List<ProxyRequest> taken = new ArrayList<>(waiting);
            waiting.clear();
            return taken;
        }
    }

    @Override
    public void close() {
        closed = true;
        closeChannel();
        reader.interrupt();
    }

    private void follow() {
        while (!closed) {
            try (SocketChannel open = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel = open;
                open.connect(UnixDomainSocketAddress.of(socket));
                Channels.newOutputStream(open).write("show events gantry_requests -w -n\n".getBytes(StandardCharsets.UTF_8));
                var lines = new BufferedReader(new InputStreamReader(Channels.newInputStream(open), StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
                    ProxyRequest.parse(line).ifPresent(this::keep);
                }
            } catch (IOException e) {
                // HAProxy is not running, or is being reloaded: open the socket again in a moment
            }
            pause();
        }
    }

    private void keep(ProxyRequest request) {
        synchronized (waiting) {
            if (waiting.size() < KEPT) {
                waiting.add(request);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(REOPEN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void closeChannel() {
        try {
            SocketChannel open = channel;
            if (open != null) {
                open.close();
            }
        } catch (IOException ignored) {
            // closing ends the read; nothing else to do
        }
    }
}
