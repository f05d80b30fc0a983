package dev.gantry.cli;

import dev.gantry.Wait;
import dev.gantry.cli.DemoCommand.DemoException;
import dev.gantry.deploy.Labels;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.Engine;
import dev.gantry.engine.SwarmNode;
import dev.gantry.heal.Watch;
import dev.gantry.wiring.InstallationParts;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The demo's last act on the Swarm (docs/swarm.md#routes-follow-the-replicas): with the watch of {@code gantry
 * watch} running, a live replica's container is stopped on its node as a crash would end it; Swarm starts a new task,
 * the routes follow it, and the service answers through the proxy again. It prints what happened and how long it took.
 */
final class DemoHealing {
    private static final Duration AT_MOST = Duration.ofSeconds(90);

    private final InstallationParts parts;
    private final DemoLab lab;
    private final PrintWriter out;

    DemoHealing(InstallationParts parts, DemoLab lab, PrintWriter out) {
        this.parts = parts;
        this.lab = lab;
        this.out = out;
    }

    /** Stops a replica of {@code service}'s live release and shows it replaced; {@code answers} asks the proxy. */
    void show(String service, IntSupplier answers) {
        Production production = parts.production();
        Colour live = production.discovery().live(service).orElseThrow(() -> new DemoException(service + " is not live"));
        List<Instance> before = instances(production, service, live);
        Instance victim = before.getFirst();
        SwarmNode node = production.engine().swarm().nodes().stream()
                .filter(n -> n.address().equals(victim.host())).findFirst()
                .orElseThrow(() -> new DemoException("no Swarm node has the address " + victim.host() + " of " + victim.container()));
        out.flush();
        PrintStream log = System.out;  // where the demo's output goes too
        try (Engine onNode = Engine.connect(Optional.of(lab.nodeDockerHost(node.hostname())));
             var watch = Watch.start(parts.routeKeeper(line -> log.println("  watch: " + line)),
                     parts.crashLoopGuard((s, why) -> { }, line -> log.println("  watch: " + line)), Watch.INTERVAL, log)) {
            ContainerState container = onNode.list(Labels.service(production.installation(), service)).stream()
                    .filter(ContainerState::running).findFirst()
                    .orElseThrow(() -> new DemoException("no running container of " + service + " on " + node.hostname()));
            out.println("demo: stopping " + container.name() + " on " + node.hostname() + " at once (no grace), as a crash"
                    + " would; Swarm's restart policy (run/restart) starts a new task and the routes follow it");
            out.flush();
            long stopped = System.nanoTime();
            onNode.stop(container.id(), Duration.ZERO);
            var replaced = Wait.forThe("a new replica of " + service + " routed", Duration.ofMillis(200), AT_MOST)
                    .until(() -> instances(production, service, live), now -> !now.isEmpty() && !now.equals(before));
            if (!replaced.met()) {
                throw new DemoException("no new replica of " + service + " was routed within " + AT_MOST.toSeconds()
                        + "s; `bin/gantry status " + service + "` says why");
            }
            int status = answers.getAsInt();
            out.printf("demo: %s replaced: the proxy routes to %s after %.1f s, and the service answers %d%n",
                    victim.container(), replaced.last().stream().map(i -> i.host() + ":" + i.port()).toList(),
                    (System.nanoTime() - stopped) / 1e9, status);
        }
    }

    private static List<Instance> instances(Production production, String service, Colour colour) {
        return production.discovery().colour(service, colour).map(ColourRecord::instances).orElse(List.of());
    }
}
