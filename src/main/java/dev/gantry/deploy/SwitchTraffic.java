package dev.gantry.deploy;

import dev.gantry.config.ProxySpec;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.LogSink;
import dev.gantry.fault.Failpoints;
import dev.gantry.proxy.PreparedRoute;
import dev.gantry.proxy.Proxy;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Optional;

/**
 * Switches traffic (the switch step, {@code flow/Switch}): the proxy routes the service to the
 * candidate, the live pointer moves to it, and the old colour becomes {@code draining}. The proxy
 * checks the route before the stage ({@link #prepare}), so that the switch is only the change
 * itself. Each change is journaled with what it replaced, so undo routes back and moves the pointer back.
 */
public final class SwitchTraffic {
    private final Discovery discovery;
    private final Proxy proxy;

    public SwitchTraffic(Discovery discovery, Proxy proxy) {
        this.discovery = discovery;
        this.proxy = proxy;
    }

    /**
     * Has the proxy check the route to the registered {@code candidate} before the switch stage, so
     * that a route or configuration it refuses fails the run before anything is routed, and the
     * switch only applies the change.
     */
    public PreparedRoute prepare(String service, ProxySpec routing, Colour candidate, LogSink log) {
        List<Instance> instances = registered(service, candidate).instances();
        long start = System.nanoTime();
        PreparedRoute prepared = proxy.prepare(routeTo(service, routing, instances));
        log.line("proxy accepted the route " + routing.path() + " to " + candidate.word() + " " + backends(instances)
                + " (checked in " + millisSince(start) + " ms)");
        return prepared;
    }

    /** Switches {@code service} from its live colour (if any) to {@code candidate}, applying {@code prepared}. */
    public void run(String service, ProxySpec routing, Colour candidate, PreparedRoute prepared, RunJournal journal,
            LogSink log) {
        ColourRecord next = registered(service, candidate);
        Optional<Colour> previous = discovery.live(service);
        Optional<ColourRecord> old = previous.flatMap(colour -> discovery.colour(service, colour));

        var routed = new Effect.TrafficRouted(service, routing.path(), routing.host().orElse(null), next.instances(),
                old.map(ColourRecord::instances).orElse(null));
        Route route = routeTo(service, routing, next.instances());
        long start = System.nanoTime();
        // a prepared change for another route (the colour was registered again since) is not applied
        journal.record(routed, route.equals(prepared.route()) ? prepared::apply : () -> proxy.route(route));
        log.line("proxy routes " + routing.path() + " to " + candidate.word() + " " + backends(next.instances())
                + " (the proxy call took " + millisSince(start) + " ms, with any wait for the old backends to drain)");
        Failpoints.reach("switch.routed");

        ColourRecord live = next.withState(ColourState.LIVE);
        journal.record(new Effect.ColourRegistered(service, candidate, live, next), () -> discovery.put(service, candidate, live));
        journal.record(new Effect.LiveMoved(service, candidate, previous.orElse(null)),
                () -> discovery.setLive(service, candidate));
        previous.ifPresent(colour -> old.ifPresent(record -> {
            ColourRecord draining = record.withState(ColourState.DRAINING);
            journal.record(new Effect.ColourRegistered(service, colour, draining, record),
                    () -> discovery.put(service, colour, draining));
        }));
        log.line(service + " is live in " + candidate.word() + previous.map(c -> "; " + c.word() + " drains").orElse(""));
    }

    private ColourRecord registered(String service, Colour candidate) {
        return discovery.colour(service, candidate).orElseThrow(() -> new DeployFailedException(
                "the " + candidate.word() + " colour of " + service + " is not registered; nothing to switch to",
                List.of()));
    }

    private static Route routeTo(String service, ProxySpec routing, List<Instance> instances) {
        return Effect.TrafficRouted.route(service, routing.path(), routing.host().orElse(null), instances);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static List<String> backends(List<Instance> instances) {
        return instances.stream().map(i -> i.host() + ":" + i.port()).toList();
    }
}
