package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.Engine;
import dev.gantry.engine.LogSink;
import dev.gantry.store.InstallationId;
import java.util.List;
import java.util.Set;

/**
 * The orchestrator the production engine turns out to have ({@link Orchestrator#on}), asked of the engine at
 * the first call and kept: a command or a server that never deploys never asks Docker.
 */
public final class DetectedOrchestrator implements Orchestrator {
    private final Engine engine;
    private final HealthCheck health;
    private Orchestrator detected;

    public DetectedOrchestrator(Engine engine, HealthCheck health) {
        this.engine = engine;
        this.health = health;
    }

    private synchronized Orchestrator detected() {
        if (detected == null) {
            detected = Orchestrator.on(engine, health);
        }
        return detected;
    }

    @Override
    public String describe() {
        return detected().describe();
    }

    @Override
    public List<Instance> start(Deployment deployment, Colour candidate, RunJournal journal, LogSink log) {
        return detected().start(deployment, candidate, journal, log);
    }

    @Override
    public void stop(Deployment deployment, Colour old, RunJournal journal, LogSink log) {
        detected().stop(deployment, old, journal, log);
    }

    @Override
    public void tidy(Deployment deployment, RunJournal journal, LogSink log) {
        detected().tidy(deployment, journal, log);
    }

    @Override
    public List<Instance> addReplicas(Deployment deployment, Colour colour, int replicas, RunJournal journal, LogSink log) {
        return detected().addReplicas(deployment, colour, replicas, journal, log);
    }

    @Override
    public List<Instance> surplus(InstallationId installation, String service, Colour colour, int replicas) {
        return detected().surplus(installation, service, colour, replicas);
    }

    @Override
    public List<Instance> removeReplicas(Deployment deployment, Colour colour, int replicas, RunJournal journal,
            LogSink log) {
        return detected().removeReplicas(deployment, colour, replicas, journal, log);
    }

    @Override
    public List<Instance> running(InstallationId installation, String service, Colour colour) {
        return detected().running(installation, service, colour);
    }

    @Override
    public Set<String> crashes(InstallationId installation, String service, Colour colour) {
        return detected().crashes(installation, service, colour);
    }

    @Override
    public String state(Instance replica) {
        return detected().state(replica);
    }

    @Override
    public List<ReplicaOutput> outputs(InstallationId installation, String service) {
        return detected().outputs(installation, service);
    }
}
