package dev.gantry.server;

import dev.gantry.GantryException;
import dev.gantry.engine.Engine;
import dev.gantry.engine.Swarm;
import dev.gantry.engine.SwarmNode;
import dev.gantry.store.InstallationId;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The nodes this installation's releases run on, as the targets of their node exporters (docs/observability.md#what-
 * prometheus-scrapes): {@code DIR/nodes-<installation>.json} lists each node of the production Swarm at its address
 * and the node exporter's port ({@value #EXPORTER_PORT}), labelled with its host name and role; a single engine is one
 * node, the engine's host. Listed again every {@link #INTERVAL}, so a node that joins or leaves the Swarm is scraped or
 * dropped without a restart; removed when the server stops.
 */
final class NodeTargets implements AutoCloseable {
    /** The port Debian's and upstream's node exporter listen on unless told otherwise. */
    static final int EXPORTER_PORT = 9100;
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final PrometheusTargets file;
    private final InstallationId installation;
    private final Engine engine;
    private final Consumer<String> warn;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("node-targets").factory());
    private List<PrometheusTargets.Group> written = List.of();
    private boolean warned;

    NodeTargets(PrometheusTargets file, InstallationId installation, Engine engine, Consumer<String> warn) {
        this.file = file;
        this.installation = installation;
        this.engine = engine;
        this.warn = warn;
    }

    /** Lists the nodes in {@code dir} now and every {@link #INTERVAL} until closed. */
    static NodeTargets start(Path dir, InstallationId installation, Engine engine, Consumer<String> warn) {
        var targets = new NodeTargets(PrometheusTargets.in(dir, "nodes-" + installation.value()), installation, engine,
                warn);
        targets.refresh();
        targets.timer.scheduleWithFixedDelay(targets::refresh, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return targets;
    }

    /** Writes the nodes the engine names now, if they changed; an engine that does not answer keeps the last list. */
    synchronized void refresh() {
        List<PrometheusTargets.Group> groups;
        try {
            groups = groups();
            warned = false;
        } catch (GantryException e) {
            if (!warned) {
                warn.accept("listing the nodes for Prometheus failed (the last list stays): " + e.getMessage());
                warned = true;
            }
            return;
        }
        if (!groups.equals(written)) {
            file.write(groups);
            written = groups;
        }
    }

    private List<PrometheusTargets.Group> groups() {
        if (engine.swarm().role() == Swarm.Role.MANAGER) {
            return engine.swarm().nodes().stream().filter(node -> !node.address().isBlank()).map(this::group).toList();
        }
        return List.of(group(engineHost(), localName(), "engine"));
    }

    private PrometheusTargets.Group group(SwarmNode node) {
        return group(node.address(), node.hostname(), node.manager() ? "manager" : "worker");
    }

    private PrometheusTargets.Group group(String host, String name, String role) {
        String target = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + EXPORTER_PORT;
        return new PrometheusTargets.Group(List.of(target),
                new TreeMap<>(Map.of("installation", installation.value(), "node", name, "role", role)));
    }

    /** The host of a tcp:// engine; this machine for a local socket. */
    private String engineHost() {
        String address = engine.address();
        if (address.startsWith("tcp://")) {
            return URI.create(address).getHost();
        }
        return "127.0.0.1";
    }

    private String localName() {
        if (engine.address().startsWith("tcp://")) {
            return engineHost();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            file.remove();
        }
    }
}
