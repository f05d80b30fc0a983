package dev.gantry.deploy;

import dev.gantry.config.ProxySpec;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.LogSink;
import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Proxy;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Optional;

/**
 * The switch stage: the proxy routes the service to the candidate, the live pointer moves to it,
 * and the old colour becomes {@code draining}. Undo routes back and moves the pointer back.
 */
public final class SwitchTraffic {
    private final Discovery discovery;
    private final Proxy proxy;

    public SwitchTraffic(Discovery discovery, Proxy proxy) {
        this.discovery = discovery;
        this.proxy = proxy;
    }

    /** Switches {@code service} from its live colour (if any) to {@code candidate}. */
    public void run(String service, ProxySpec routing, Colour candidate, Undo undo, LogSink log) {
        ColourRecord next = discovery.colour(service, candidate).orElseThrow(() -> new DeployFailedException(
                "the " + candidate.word() + " colour of " + service + " is not registered; nothing to switch to",
                List.of()));
        Optional<Colour> previous = discovery.live(service);
        Optional<ColourRecord> old = previous.flatMap(colour -> discovery.colour(service, colour));

        proxy.route(route(service, routing, next.instances()));
        undo.push("route " + service + " back", () -> old.ifPresentOrElse(
                record -> proxy.route(route(service, routing, record.instances())),
                () -> proxy.unroute(service)));
        log.line("proxy routes " + routing.path() + " to " + candidate.word() + " " + backends(next.instances()));

        discovery.put(service, candidate, next.withState(ColourState.LIVE));
        discovery.setLive(service, candidate);
        undo.push("move the live pointer of " + service + " back", () -> {
            discovery.put(service, candidate, next);
            previous.ifPresentOrElse(colour -> discovery.setLive(service, colour), () -> discovery.clearLive(service));
        });
        previous.ifPresent(colour -> old.ifPresent(record -> {
            discovery.put(service, colour, record.withState(ColourState.DRAINING));
            undo.push("mark " + service + " " + colour.word() + " live again", () -> discovery.put(service, colour, record));
        }));
        log.line(service + " is live in " + candidate.word() + previous.map(c -> "; " + c.word() + " drains").orElse(""));
    }

    static Route route(String service, ProxySpec routing, List<Instance> instances) {
        return new Route(service, routing.path(), routing.host(), backends(instances));
    }

    private static List<Backend> backends(List<Instance> instances) {
        return instances.stream().map(i -> new Backend(i.host(), i.port())).toList();
    }
}
