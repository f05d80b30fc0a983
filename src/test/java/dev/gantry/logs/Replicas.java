package dev.gantry.logs;

import dev.gantry.deploy.Deployment;
import dev.gantry.deploy.Orchestrator;
import dev.gantry.deploy.ReplicaOutput;
import dev.gantry.deploy.RunJournal;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.LogSink;
import dev.gantry.store.InstallationId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** An orchestrator that lists outputs; nothing else of it is used. */
final class Replicas implements Orchestrator {
    private final List<ReplicaOutput> outputs = Collections.synchronizedList(new ArrayList<>());

    void add(ReplicaOutput output) {
        outputs.add(output);
    }

    @Override
    public List<ReplicaOutput> outputs(InstallationId installation, String service) {
        synchronized (outputs) {
            return List.copyOf(outputs);
        }
    }

    @Override
    public String describe() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Instance> start(Deployment deployment, Colour candidate, RunJournal journal, LogSink log) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop(Deployment deployment, Colour old, RunJournal journal, LogSink log) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void tidy(Deployment deployment, RunJournal journal, LogSink log) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Instance> addReplicas(Deployment deployment, Colour colour, int replicas, RunJournal journal, LogSink log) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Instance> surplus(InstallationId installation, String service, Colour colour, int replicas) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Instance> removeReplicas(Deployment deployment, Colour colour, int replicas, RunJournal journal,
            LogSink log) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Instance> running(InstallationId installation, String service, Colour colour) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<String> crashes(InstallationId installation, String service, Colour colour) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String state(Instance replica) {
        throw new UnsupportedOperationException();
    }
}
