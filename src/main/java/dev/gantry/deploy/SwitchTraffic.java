package dev.gantry.deploy;

import dev.gantry.config.ProxySpec;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.LogSink;
import dev.gantry.fault.Failpoints;
import dev.gantry.proxy.Proxy;
import java.util.List;
import java.util.Optional;

/**
 * The switch stage: the proxy routes the service to the candidate, the live pointer moves to it,
 * and the old colour becomes {@code draining}. Each change is journaled with what it replaced, so
 * undo routes back and moves the pointer back.
 */
public final class SwitchTraffic {
    private final Discovery discovery;
    private final Proxy proxy;

    public SwitchTraffic(Discovery discovery, Proxy proxy) {
        this.discovery = discovery;
        this.proxy = proxy;
    }

    /** Switches {@code service} from its live colour (if any) to {@code candidate}. */
    public void run(String service, ProxySpec routing, Colour candidate, RunJournal journal, LogSink log) {
        ColourRecord next = discovery.colour(service, candidate).orElseThrow(() -> new DeployFailedException(
                "the " + candidate.word() + " colour of " + service + " is not registered; nothing to switch to",
                List.of()));
        Optional<Colour> previous = discovery.live(service);
        Optional<ColourRecord> old = previous.flatMap(colour -> discovery.colour(service, colour));

        var routed = new Effect.TrafficRouted(service, routing.path(), routing.host().orElse(null), next.instances(),
                old.map(ColourRecord::instances).orElse(null));
        journal.record(routed, () -> proxy.route(Effect.TrafficRouted.route(service, routing.path(),
                routing.host().orElse(null), next.instances())));
        log.line("proxy routes " + routing.path() + " to " + candidate.word() + " " + backends(next.instances()));
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

    private static List<String> backends(List<Instance> instances) {
        return instances.stream().map(i -> i.host() + ":" + i.port()).toList();
    }
}
