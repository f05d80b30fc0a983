package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.Engine;
import dev.gantry.engine.LogSink;
import dev.gantry.store.InstallationId;
import java.util.List;
import java.util.Set;

/**
 * What runs a release's replicas in production: one Docker engine ({@link SingleEngine}) or a Swarm
 * through its manager ({@link SwarmServices}), chosen by the installation (docs/swarm.md). The flow
 * asks only this of production's runtime; a Kubernetes backend would be a third implementation.
 * Every change is journaled through {@link RunJournal} as an {@link Effect} that knows its undo.
 */
public interface Orchestrator {

    /**
     * The orchestrator of {@code engine}, as the engine says: a Swarm's services when it is a manager, its own
     * containers when it is in no Swarm. A worker cannot create services and is refused.
     */
    static Orchestrator on(Engine engine, HealthCheck health) {
        return switch (engine.swarm().role()) {
            case MANAGER -> new SwarmServices(engine, health);
            case WORKER -> throw new SwarmWorkerException(engine.address());
            case NONE -> new SingleEngine(engine, health);
        };
    }

    /** What production runs on, for people: "one Docker engine at unix:///var/run/docker.sock". */
    String describe();

    /**
     * Starts the release's replicas in {@code candidate}, beside the live colour and never touching it, and
     * waits until every one answers its health check (the deploy step); returns where they are reached.
     */
    List<Instance> start(Deployment deployment, Colour candidate, RunJournal journal, LogSink log);

    /** Stops the replicas of {@code old}, the colour live before {@code deployment} (cleanup, after the drain). */
    void stop(Deployment deployment, Colour old, RunJournal journal, LogSink log);

    /** Removes what {@code deployment} set aside and what is beyond {@code deploy/keep-releases} (cleanup, last). */
    void tidy(Deployment deployment, RunJournal journal, LogSink log);

    /**
     * More replicas of the live {@code colour}, of {@code deployment}'s release, until {@code replicas} run (a scale
     * up, {@link ScaleReplicas}): each journaled, beside those that run, and health-gated; answers all that run then.
     */
    List<Instance> addReplicas(Deployment deployment, Colour colour, int replicas, RunJournal journal, LogSink log);

    /**
     * The replicas of {@code colour} that a scale down to {@code replicas} removes, so that the proxy stops sending them
     * requests first; empty where the orchestrator chooses them itself as it removes them (a Swarm).
     */
    List<Instance> surplus(InstallationId installation, String service, Colour colour, int replicas);

    /** Fewer replicas of {@code colour}, {@code replicas} left (a scale down), journaled; answers those that run then. */
    List<Instance> removeReplicas(Deployment deployment, Colour colour, int replicas, RunJournal journal, LogSink log);

    /**
     * The replicas of {@code service}'s {@code colour} made by {@code installation} that run now, where the proxy
     * reaches them: what the route keeper ({@code heal/RouteKeeper}) holds the routes to.
     */
    List<Instance> running(InstallationId installation, String service, Colour colour);

    /**
     * Each end of a replica of {@code service}'s {@code colour} that nobody asked for (a crash, an OOM kill, an
     * exit), named the same at every call: what the crash-loop guard ({@code heal/CrashLoopGuard}) counts.
     */
    Set<String> crashes(InstallationId installation, String service, Colour colour);

    /** How one replica is now, for {@code gantry status}: "running", "running on node2", "exited (exit code 1)". */
    String state(Instance replica);

    /**
     * The output of every replica of {@code service} made by {@code installation} that Docker still keeps, in both
     * colours, running or ended ({@code gantry logs}); a replica Docker no longer keeps has none.
     */
    List<ReplicaOutput> outputs(InstallationId installation, String service);
}
