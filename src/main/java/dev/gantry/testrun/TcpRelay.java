package dev.gantry.testrun;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Forwards every TCP connection it accepts to one target, byte for byte in both directions. It is all
 * an integration test container reaches: it listens on the gateway of the test's internal network,
 * serves only peers inside that network's subnet, at most {@link #MAX_CONNECTIONS} at a time, and
 * closing it ends every connection it carries.
 */
final class TcpRelay implements AutoCloseable {
    /** Connections served at once; a test that opens more gets the extra ones closed at once. */
    static final int MAX_CONNECTIONS = 64;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final ServerSocket server;
    private final Subnet allowed;
    private final String targetHost;
    private final int targetPort;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private TcpRelay(ServerSocket server, Subnet allowed, String targetHost, int targetPort) {
        this.server = server;
        this.allowed = allowed;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Listens on {@code listen} (a free port) and relays peers of {@code allowed} to {@code targetHost:targetPort}. */
    static TcpRelay start(InetAddress listen, Subnet allowed, String targetHost, int targetPort) throws IOException {
        var server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(listen, 0), MAX_CONNECTIONS);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        var relay = new TcpRelay(server, allowed, targetHost, targetPort);
        Thread.ofVirtual().name("relay-" + server.getLocalPort()).start(relay::accept);
        return relay;
    }

    /** The port it listens on. */
    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return; // close() ended the relay
            }
            if (!allowed.contains(client.getInetAddress()) || !slots.tryAcquire()) {
                closeQuietly(client);
                continue;
            }
            Thread.ofVirtual().start(() -> serve(client));
        }
    }

    /** One connection: the target is dialled, then each direction is copied until both have ended. */
    private void serve(Socket client) {
        open.add(client);
        var target = new Socket();
        open.add(target);
        try {
            target.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MS);
            Thread back = Thread.ofVirtual().start(() -> copy(target, client));
            copy(client, target);
            back.join();
        } catch (IOException e) {
            // the target refused or is gone: the test sees its connection closed, as it would without a relay
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            closeQuietly(target);
            open.remove(client);
            open.remove(target);
            slots.release();
        }
    }

    /** Copies until end of stream, then half-closes the other side so that it sees the end too. */
    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream(); // not closed here: that would close the socket both ways
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(TcpRelay::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing what is ending anyway; nothing to tell
        }
    }
}
