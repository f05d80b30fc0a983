package dev.gantry.discovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * Where etcd listens, from the setting {@code etcd://HOST:PORT}. Nothing here touches the etcd
 * client, so a wrong or stopped etcd is reported before its classes are loaded.
 *
 * @param host a DNS name, an IPv4 address or a bracketed IPv6 address ({@code [::1]})
 * @param port the client port, usually 2379
 */
record EtcdEndpoint(String host, int port) {
    static final String SCHEME = "etcd://";

    /** The endpoint of a setting, or empty when it is not {@code etcd://HOST:PORT}. */
    static Optional<EtcdEndpoint> parse(String setting) {
        if (!setting.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String address = setting.substring(SCHEME.length());
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || address.indexOf('/') >= 0) {
            return Optional.empty();
        }
        String host = address.substring(0, colon);
        if (host.indexOf(':') >= 0 && !(host.startsWith("[") && host.endsWith("]"))) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            return port >= 1 && port <= 65535 ? Optional.of(new EtcdEndpoint(host, port)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** HOST:PORT, as the setting wrote it. */
    String address() {
        return host + ":" + port;
    }

    /** The URI the etcd client connects to (plain HTTP/2, as etcd serves clients without TLS). */
    String uri() {
        return "http://" + address();
    }

    /**
     * Opens and closes one TCP connection. A stopped etcd refuses at once, which the gRPC client
     * would otherwise report only after its retries, as "UNAVAILABLE: io exception".
     */
    void probe(Duration timeout) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(bare, port), Math.toIntExact(timeout.toMillis()));
        } catch (SocketTimeoutException e) {
            throw new DiscoveryUnavailableException(address(), "connect to", "nothing accepted the connection within "
                    + timeout.toSeconds() + " s", e);
        } catch (UnknownHostException e) {
            throw new DiscoveryUnavailableException(address(), "connect to", "the host " + bare + " is unknown", e);
        } catch (IOException e) {
            throw new DiscoveryUnavailableException(address(), "connect to", "connecting failed: " + e.getMessage(), e);
        }
    }
}
