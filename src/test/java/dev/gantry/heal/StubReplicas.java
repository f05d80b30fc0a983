package dev.gantry.heal;

import dev.gantry.deploy.Deployment;
import dev.gantry.deploy.Orchestrator;
import dev.gantry.deploy.ReplicaOutput;
import dev.gantry.deploy.RunJournal;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.LogSink;
import dev.gantry.store.InstallationId;
import java.util.List;
import java.util.Set;

/**
 * An orchestrator whose blue replicas of books-ms are {@link #running} and have ended {@link #crashes}; the healing
 * looks ask nothing else of it.
 */
final class StubReplicas implements Orchestrator {
    List<Instance> running = List.of();
    Set<String> crashes = Set.of();

    @Override
    public List<Instance> running(InstallationId installation, String service, Colour colour) {
        return service.equals("books-ms") && colour == Colour.BLUE ? running : List.of();
    }

    @Override
    public Set<String> crashes(InstallationId installation, String service, Colour colour) {
        return service.equals("books-ms") && colour == Colour.BLUE ? crashes : Set.of();
    }

    @Override
    public String describe() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Instance> start(Deployment deployment, Colour candidate, RunJournal journal, LogSink sink) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop(Deployment deployment, Colour old, RunJournal journal, LogSink sink) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void tidy(Deployment deployment, RunJournal journal, LogSink sink) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Instance> addReplicas(Deployment deployment, Colour colour, int replicas, RunJournal journal, LogSink sink) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Instance> surplus(InstallationId installation, String service, Colour colour, int replicas) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Instance> removeReplicas(Deployment deployment, Colour colour, int replicas, RunJournal journal,
            LogSink sink) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String state(Instance replica) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ReplicaOutput> outputs(InstallationId installation, String service) {
        throw new UnsupportedOperationException();
    }
}
