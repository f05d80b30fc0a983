package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.Engine;
import dev.gantry.engine.ImageState;
import dev.gantry.engine.LogSink;
import dev.gantry.store.InstallationId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Production on one Docker engine: each replica is a container {@code <service>-<colour>-<n>-<installation>}
 * published on 127.0.0.1 (docs/design.md, "Labels and names"). A retired colour's containers are stopped and
 * stay until the next release needs the colour; images beyond {@code deploy/keep-releases} are removed.
 */
public final class SingleEngine implements Orchestrator {
    private final Engine engine;
    private final HealthCheck health;

    public SingleEngine(Engine engine, HealthCheck health) {
        this.engine = engine;
        this.health = health;
    }

    @Override
    public String describe() {
        return "one Docker engine at " + engine.address();
    }

    @Override
    public List<Instance> start(Deployment deployment, Colour candidate, RunJournal journal, LogSink log) {
        return new StartCandidate(engine, health).run(deployment, candidate, journal, log);
    }

    @Override
    public void stop(Deployment deployment, Colour old, RunJournal journal, LogSink log) {
        for (ContainerState container : engine.list(Labels.selector(deployment.installation(), deployment.service(), old))) {
            if (container.name().contains(StartCandidate.ASIDE)) {
                continue;
            }
            journal.record(new Effect.ContainerStopped(container.name()),
                    () -> engine.stop(container.id(), deployment.config().run().stopGrace()));
            log.line("stopped " + container.name());
        }
    }

    /** Removes the containers this run set aside, then the images beyond {@code deploy/keep-releases}. */
    @Override
    public void tidy(Deployment deployment, RunJournal journal, LogSink log) {
        for (ContainerState aside : engine.list(Labels.service(deployment.installation(), deployment.service()))) {
            if (aside.name().contains(StartCandidate.ASIDE)) {
                journal.record(new Effect.ContainerRemoved(aside.name()), () -> engine.remove(aside.id()));
                log.line("removed " + aside.name() + ", set aside when this release started");
            }
        }
        pruneImages(deployment, journal, log);
    }

    /** Replicas at the lowest numbers that no container of the colour has, until {@code replicas} run. */
    @Override
    public List<Instance> addReplicas(Deployment deployment, Colour colour, int replicas, RunJournal journal, LogSink log) {
        List<Instance> running = running(deployment.installation(), deployment.service(), colour);
        Set<String> named = engine.list(Labels.selector(deployment.installation(), deployment.service(), colour)).stream()
                .map(ContainerState::name).collect(Collectors.toSet());
        List<String> volumes = engine.declaredVolumes(deployment.appImage().toString());
        var starter = new StartCandidate(engine, health);
        List<Instance> added = new ArrayList<>();
        for (int n = 1; running.size() + added.size() < replicas; n++) {
            if (!named.contains(AppContainers.name(deployment.installation(), deployment.service(), colour, n))) {
                added.add(starter.replica(deployment, colour, n, volumes, journal, log));
            }
        }
        starter.healthGate(deployment, added, log);
        return running(deployment.installation(), deployment.service(), colour);
    }

    /** The replicas with the highest numbers: those at the lowest stay. */
    @Override
    public List<Instance> surplus(InstallationId installation, String service, Colour colour, int replicas) {
        List<Instance> running = running(installation, service, colour);
        return running.subList(Math.min(replicas, running.size()), running.size());
    }

    /** Stops and removes the {@link #surplus}: a container Gantry stopped would otherwise hold its number. */
    @Override
    public List<Instance> removeReplicas(Deployment deployment, Colour colour, int replicas, RunJournal journal, LogSink log) {
        for (Instance leaving : surplus(deployment.installation(), deployment.service(), colour, replicas)) {
            engine.inspect(leaving.container()).ifPresent(container -> {
                journal.record(new Effect.ContainerRemoved(container.name()), () -> {
                    engine.stop(container.id(), deployment.config().run().stopGrace());
                    engine.remove(container.id());
                });
                log.line("stopped and removed " + container.name());
            });
        }
        return running(deployment.installation(), deployment.service(), colour);
    }

    /**
     * By replica number: the names of one colour differ only in it ({@code <service>-<colour>-<n>-<installation>}),
     * so a shorter name has the lower number, and names of one length sort as their numbers do.
     */
    @Override
    public List<Instance> running(InstallationId installation, String service, Colour colour) {
        return engine.list(Labels.selector(installation, service, colour)).stream()
                .filter(c -> c.running() && !c.name().contains(StartCandidate.ASIDE) && c.ports().size() == 1)
                .map(c -> new Instance("127.0.0.1", c.ports().values().iterator().next(), c.name()))
                .sorted(Comparator.comparingInt((Instance i) -> i.container().length()).thenComparing(Instance::container))
                .toList();
    }

    /** Each restart the engine made of a live container (restart count), and a container that ended and stays ended. */
    @Override
    public Set<String> crashes(InstallationId installation, String service, Colour colour) {
        Set<String> crashes = new HashSet<>();
        for (ContainerState container : engine.list(Labels.selector(installation, service, colour))) {
            if (container.name().contains(StartCandidate.ASIDE)) {
                continue;
            }
            for (int restart = 1; restart <= container.restartCount(); restart++) {
                crashes.add(container.name() + " restart " + restart);
            }
            if (!container.running() && container.status().equals("exited")) {
                crashes.add(container.name() + " ended after restart " + container.restartCount());
            }
        }
        return crashes;
    }

    @Override
    public String state(Instance replica) {
        return engine.inspect(replica.container()).map(ContainerState::describe).orElse("container missing");
    }

    /** Each app container of the service, set-aside ones too (they are an earlier release's replicas). */
    @Override
    public List<ReplicaOutput> outputs(InstallationId installation, String service) {
        return engine.list(Labels.service(installation, service)).stream()
                .filter(c -> "app".equals(c.labels().get(Labels.ROLE)) && c.labels().containsKey(Labels.COLOUR))
                .map(c -> new ReplicaOutput(c.id(), c.name(), Optional.empty(), Colour.parse(c.labels().get(Labels.COLOUR)),
                        c.labels().getOrDefault(Labels.RELEASE, ""), c.running(), (read, lines) -> engine.readLogs(c.id(), read, lines)))
                .toList();
    }

    /**
     * Removes the app images of {@code deployment}'s service that this installation built, beyond the
     * newest {@code deploy/keep-releases}, except images that a container still uses (any container
     * of the service, whichever installation made it: a tag is shared by name on the engine).
     */
    private void pruneImages(Deployment deployment, RunJournal journal, LogSink log) {
        String service = deployment.service();
        Set<String> inUse = new HashSet<>();
        engine.list(Map.of(Labels.SERVICE, service)).forEach(c -> inUse.add(c.image()));
        List<ImageState> images = engine.images(Labels.service(deployment.installation(), service)).stream()
                .filter(image -> !"test".equals(image.labels().get(Labels.ROLE)))
                .toList();
        int keep = deployment.config().deploy().keepReleases();
        for (ImageState old : images.subList(Math.min(keep, images.size()), images.size())) {
            for (String tag : old.tags()) {
                if (!inUse.contains(tag)) {
                    journal.record(new Effect.ImageRemoved(tag), () -> engine.removeImage(tag));
                    log.line("removed the image " + tag + " (older than the newest " + keep + " releases)");
                }
            }
        }
    }
}
