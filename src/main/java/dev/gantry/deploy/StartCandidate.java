package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.Engine;
import dev.gantry.engine.LogSink;
import dev.gantry.fault.Failpoints;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the release's replicas in the candidate colour, beside the live colour, and waits until
 * every one is healthy (the deploy step, {@code flow/Deploy}). Never touches a container of the
 * live colour.
 */
public final class StartCandidate {
    /** What a set-aside container's name carries, before the run id: {@code books-ms-blue-1-aside-12}. */
    static final String ASIDE = "-aside-";

    private final Engine engine;
    private final HealthCheck health;

    public StartCandidate(Engine engine, HealthCheck health) {
        this.engine = engine;
        this.health = health;
    }

    /** Starts the candidate; each container is journaled before and after it starts. */
    public List<Instance> run(Deployment deployment, Colour candidate, RunJournal journal, LogSink log) {
        LegacyContainers.mention(engine, deployment, log);
        String image = deployment.appImage().toString();
        engine.pull(image, deployment.config().deadlines().of("deploy"), log);
        List<String> volumes = engine.declaredVolumes(image);
        LegacyVolumes.refuseUnmoved(engine, deployment, volumes);
        setAsideLeftovers(deployment, candidate, journal, log);
        List<Instance> replicas = new ArrayList<>();
        for (int n = 1; n <= deployment.config().run().replicas(); n++) {
            replicas.add(replica(deployment, candidate, n, volumes, journal, log));
        }
        healthGate(deployment, replicas, log);
        return replicas;
    }

    /** Starts replica {@code n} of {@code deployment} in {@code colour}, journaled before and after it starts. */
    Instance replica(Deployment deployment, Colour colour, int n, List<String> volumes, RunJournal journal, LogSink log) {
        String image = deployment.appImage().toString();
        ContainerSpec spec = AppContainers.replica(deployment, colour, n, volumes);
        String id = journal.started(new Effect.ContainerStarted(spec.name(), image, null), () -> {
            Failpoints.reach("deploy.start-intended"); // journaled, not yet asked of Docker
            return engine.start(spec);
        });
        ContainerState state = engine.inspect(id).orElseThrow(() -> new DeployFailedException(
                spec.name() + " vanished right after it started", List.of()));
        int port = state.hostPort(deployment.config().run().port()).orElseThrow(() -> new DeployFailedException(
                spec.name() + " has no published port for " + deployment.config().run().port(), List.of()));
        log.line("started " + spec.name() + " (" + image + ") on 127.0.0.1:" + port);
        Failpoints.reach("deploy.replica-started");
        return new Instance("127.0.0.1", port, spec.name());
    }

    /** Waits until every one of {@code replicas} answers its health check; a deploy failure if one does not. */
    void healthGate(Deployment deployment, List<Instance> replicas, LogSink log) {
        new HealthGate(new ContainerReplicas(engine), health).await(replicas, deployment.config().run().health(), log);
    }

    /**
     * Containers left in the candidate colour by an earlier release (stopped, not live) are renamed
     * out of the way rather than removed, so that undo can put them back as they were; cleanup
     * removes them once the new release has passed.
     */
    private void setAsideLeftovers(Deployment deployment, Colour candidate, RunJournal journal, LogSink log) {
        for (ContainerState old : engine.list(Labels.selector(deployment.installation(), deployment.service(), candidate))) {
            if (old.name().contains(ASIDE)) {
                continue;
            }
            String aside = old.name() + ASIDE + deployment.runId();
            journal.record(new Effect.ContainerSetAside(old.name(), aside, old.id()), () -> engine.rename(old.id(), aside));
            log.line("set " + old.name() + " aside as " + aside + " (left by an earlier release in the candidate colour)");
        }
    }
}
