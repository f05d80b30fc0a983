package dev.gantry.testrun;

import dev.gantry.GantryException;
import dev.gantry.engine.Engine;
import dev.gantry.engine.NetworkState;
import dev.gantry.stage.StageLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;

/**
 * The network an integration test container runs on: an internal Docker network of its own, on which
 * the one thing it reaches is a {@link TcpRelay} on the network's gateway to the phase's target (the
 * candidate or the proxy). A test on the host's network could open every loopback port of the machine;
 * here the control planes, Gantry's API and other services are out of its reach (docs/security.md).
 */
public final class TestNetwork implements AutoCloseable {
    private final Engine engine;
    private final NetworkState network;
    private final TcpRelay relay;
    private final URI target;
    private final StageLog log;

    private TestNetwork(Engine engine, NetworkState network, TcpRelay relay, URI target, StageLog log) {
        this.engine = engine;
        this.network = network;
        this.relay = relay;
        this.target = target;
        this.log = log;
    }

    /** Creates the network {@code name} on {@code engine} and a relay on its gateway to {@code targetUrl}. */
    public static TestNetwork open(Engine engine, String name, Map<String, String> labels, String targetUrl, StageLog log) {
        URI target = URI.create(targetUrl);
        NetworkState network = engine.createInternalNetwork(name, labels);
        try {
            var relay = TcpRelay.start(InetAddress.getByName(network.gateway()), Subnet.parse(network.subnet()),
                    host(target), port(target));
            var opened = new TestNetwork(engine, network, relay, target, log);
            log.line("test network " + name + " (internal, nothing else reachable): TARGET_URL " + opened.targetUrl()
                    + " is relayed to " + targetUrl);
            return opened;
        } catch (IOException | RuntimeException e) {
            engine.removeNetwork(network.id());
            throw new TestNetworkException(name, network.gateway(), e.getMessage());
        }
    }

    /** The network's name, for the test container's network mode. */
    public String name() {
        return network.name();
    }

    /** The target as the test container reaches it: the relay's address, with the target's scheme and path. */
    public String targetUrl() {
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        return target.getScheme() + "://" + network.gateway() + ":" + relay.port() + path;
    }

    /**
     * Ends the relay's connections and removes the network (the test container is removed before). A
     * network left behind touches nothing in production, so it is told, not made the stage's failure.
     */
    @Override
    public void close() {
        relay.close();
        try {
            engine.removeNetwork(network.id());
        } catch (GantryException e) {
            log.line("could not remove the test network " + network.name() + ": " + e.getMessage()
                    + "; remove it with docker network rm " + network.name());
        }
    }

    private static String host(URI target) {
        String host = target.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(URI target) {
        return target.getPort() >= 0 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
    }
}
