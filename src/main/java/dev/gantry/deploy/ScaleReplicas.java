package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.LogSink;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brings the live colour to the replicas of {@code deployment} in place (the scale flow's step, {@code flow/Scale};
 * docs/scaling.md). Up: the new replicas start beside the running ones and join the route once healthy. Down: those
 * leaving go out of the route first and drain, then stop. Every change is journaled with what it replaced, so a
 * failure puts the colour back as it was.
 */
public final class ScaleReplicas {
    private final Production production;

    public ScaleReplicas(Production production) {
        this.production = production;
    }

    /** Scales {@code live}, the live colour of {@code deployment}'s service, to its {@code run/replicas}. */
    public void run(Deployment deployment, Colour live, RunJournal journal, LogSink log) {
        Orchestrator orchestrator = production.orchestrator();
        String service = deployment.service();
        int wanted = deployment.config().run().replicas();
        int running = orchestrator.running(deployment.installation(), service, live).size();
        if (wanted > running) {
            route(service, live, orchestrator.addReplicas(deployment, live, wanted, journal, log), journal, log);
            return;
        }
        Set<String> leaving = addresses(orchestrator.surplus(deployment.installation(), service, live, wanted));
        if (!leaving.isEmpty()) {
            route(service, live, registered(service, live).instances().stream()
                    .filter(replica -> !leaving.contains(address(replica))).toList(), journal, log);
            log.line("draining " + leaving + " for " + deployment.config().deploy().drain().toMillis() + " ms");
            RetireColour.pause(deployment.config().deploy().drain());
        }
        route(service, live, orchestrator.removeReplicas(deployment, live, wanted, journal, log), journal, log);
    }

    /** The proxy routes the colour to {@code replicas} and discovery lists them, each journaled with what it replaced. */
    private void route(String service, Colour live, List<Instance> replicas, RunJournal journal, LogSink log) {
        ColourRecord before = registered(service, live);
        Route route = production.proxy().routes().get(service);
        if (route == null) {
            throw new DeployFailedException("the proxy has no route for " + service + ", which is live in " + live.word()
                    + "; `gantry status " + service + "` shows what it has", List.of());
        }
        if (addresses(replicas).equals(addresses(before.instances()))) {
            return;
        }
        journal.record(new Effect.TrafficRouted(service, route.pathPrefix(), route.host().orElse(null), replicas,
                before.instances()), () -> production.proxy().route(Effect.TrafficRouted.route(service, route.pathPrefix(),
                route.host().orElse(null), replicas)));
        ColourRecord after = before.withInstances(replicas);
        journal.record(new Effect.ColourRegistered(service, live, after, before),
                () -> production.discovery().put(service, live, after));
        log.line("proxy routes " + route.pathPrefix() + " to " + live.word() + " " + replicas.stream().map(ScaleReplicas::address)
                .toList());
    }

    private ColourRecord registered(String service, Colour live) {
        return production.discovery().colour(service, live).orElseThrow(() -> new DeployFailedException(
                "the live " + live.word() + " colour of " + service + " is not registered in discovery; `gantry status "
                        + service + "` shows what is", List.of()));
    }

    private static Set<String> addresses(List<Instance> replicas) {
        return replicas.stream().map(ScaleReplicas::address).collect(Collectors.toSet());
    }

    private static String address(Instance replica) {
        return replica.host() + ":" + replica.port();
    }
}
