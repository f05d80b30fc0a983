package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.Engine;
import dev.gantry.engine.LogSink;
import java.util.ArrayList;
import java.util.List;

/**
 * The deploy stage: starts the release's replicas in the candidate colour, beside the live colour,
 * and waits until every one is healthy. Never touches a container of the live colour.
 */
public final class StartCandidate {
    private final Engine engine;
    private final HealthCheck health;

    public StartCandidate(Engine engine, HealthCheck health) {
        this.engine = engine;
        this.health = health;
    }

    /** Starts the candidate; each started container is pushed onto {@code undo}. */
    public List<Instance> run(Deployment deployment, Colour candidate, Undo undo, LogSink log) {
        removeLeftovers(deployment.service(), candidate, log);
        String image = deployment.appImage().toString();
        engine.pull(image, deployment.config().deadlines().of("deploy"), log);
        List<String> volumes = engine.declaredVolumes(image);
        List<Instance> replicas = new ArrayList<>();
        for (int n = 1; n <= deployment.config().run().replicas(); n++) {
            ContainerSpec spec = AppContainers.replica(deployment, candidate, n, volumes);
            String id = engine.start(spec);
            undo.push("remove " + spec.name(), () -> engine.remove(id));
            ContainerState state = engine.inspect(id).orElseThrow(() -> new DeployFailedException(
                    spec.name() + " vanished right after it started", List.of()));
            int port = state.hostPort(deployment.config().run().port()).orElseThrow(() -> new DeployFailedException(
                    spec.name() + " has no published port for " + deployment.config().run().port(), List.of()));
            replicas.add(new Instance("127.0.0.1", port, spec.name()));
            log.line("started " + spec.name() + " (" + image + ") on 127.0.0.1:" + port);
        }
        new HealthGate(engine, health).await(replicas, deployment.config().run().health(), log);
        return replicas;
    }

    /** Containers left in the candidate colour by an earlier release: not live, so they can go. */
    private void removeLeftovers(String service, Colour candidate, LogSink log) {
        for (ContainerState old : engine.list(Labels.selector(service, candidate))) {
            engine.remove(old.id());
            log.line("removed " + old.name() + ", left from an earlier release in the candidate colour");
        }
    }
}
