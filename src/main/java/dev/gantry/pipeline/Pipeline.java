package dev.gantry.pipeline;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.Printable;
import dev.gantry.Reason;
import dev.gantry.config.ConfigException;
import dev.gantry.config.ConfigProblem;
import dev.gantry.config.Installation;
import dev.gantry.config.ScaleSpec;
import dev.gantry.config.ServiceConfig;
import dev.gantry.deploy.Deployment;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.engine.Engine;
import dev.gantry.flow.Flow;
import dev.gantry.flow.FlowRun;
import dev.gantry.flow.FlowRunner;
import dev.gantry.flow.Flows;
import dev.gantry.flow.Recovery;
import dev.gantry.flow.UndoFailedException;
import dev.gantry.image.ImageReference;
import dev.gantry.image.Registry;
import dev.gantry.lock.HeldLock;
import dev.gantry.notify.Notifier;
import dev.gantry.secret.SecretMask;
import dev.gantry.secret.SecretValues;
import dev.gantry.secret.Vault;
import dev.gantry.source.CheckoutPlan;
import dev.gantry.source.Release;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.MaskedFailures;
import dev.gantry.stage.MaskedListener;
import dev.gantry.stage.RunListener;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageRunner;
import dev.gantry.store.NewRun;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The flow of docs/design.md ("The flow"), stage by stage: checkout → test → build → push, then the deployment half
 * (see {@link Flows}). The production image is built while the tests run and is discarded
 * if they fail. Also the shorter flows: {@link #deploy} of an image already in the registry, and
 * {@link #rollback} to the release that was live before.
 */
public final class Pipeline {
    /** How long a run waits for another run of its service to end, unless told otherwise. */
    public static final Duration LOCK_WAIT = Duration.ofMinutes(30);

    private final Engine cdEngine;
    private final Registry registry;
    private final Store store;
    private final Production production;
    private final Installation installation;
    private final RunListener listener;
    private final RunLock lock;
    private final Notifier notifier;
    private final Vault secrets;

    /**
     * A pipeline that tests and builds on {@code cdEngine}, pushes to {@code registry}, deploys to
     * {@code production} and records in {@code store}; a run waits at most {@code lockWait} for the
     * lock of a service another run holds (zero: not at all), and {@code notifier} hears how it ended.
     */
    public Pipeline(Engine cdEngine, Registry registry, Store store, Production production, Installation installation,
                    RunListener listener, Duration lockWait, Notifier notifier) {
        this.cdEngine = cdEngine;
        this.registry = registry;
        this.store = store;
        this.production = production;
        this.installation = installation;
        this.listener = listener;
        this.lock = new RunLock(store, lockWait, listener, new Recovery(store, cdEngine, production, listener, notifier));
        this.notifier = notifier;
        this.secrets = Vault.of(installation.home(), store);
    }

    /** Runs the whole flow for the release of {@code source}; throws what failed, after recording it. */
    public RunOutcome run(ServiceSource source, ServiceConfig config, String trigger) {
        refuseDisallowedNotifications(source, config);
        CheckoutPlan plan = CheckoutPlan.of(source, installation.gitLimits());  // a refused commit records no run
        Release release = source.release();
        String title = secrets.mask(config.service()).apply(release.title()); // the lease's message is shown too
        return lock.holding(config.service(), "run of " + config.service() + " at " + release.shortCommit() + " \""
                + title + "\"", held -> run(plan, config, trigger, held));
    }

    /** A commit's gantry.yml may notify only where the installation allows: refused before anything runs (exit 2). */
    private void refuseDisallowedNotifications(ServiceSource source, ServiceConfig config) {
        List<ConfigProblem> problems = installation.notifyAllowance().check(config, source.configText());
        if (!problems.isEmpty()) {
            throw new ConfigException(config.service() + "/gantry.yml", problems, "Nothing was run. See"
                    + " docs/notifications.md (\"Where a gantry.yml may send\").");
        }
    }

    private RunOutcome run(CheckoutPlan plan, ServiceConfig config, String trigger, HeldLock held) {
        ServiceSource source = plan.source();
        Release release = source.release();
        String appImage = ImageReference.of(registry.address(), config.image(), release.commit()).toString();
        SecretValues secretValues = secrets.values(config.service());
        SecretMask mask = secretValues.mask();
        long runId = store.runs().start(new NewRun("run", config.service(), release.commit(),
                mask.apply(release.title()), release.dirty(), trigger, source.configText(), appImage));
        held.attach(runId);
        Path workspace = installation.workspaces().resolve(config.service() + "-" + runId);
        Deployment deployment = Deployment.ofCommit(production.installation(), runId, startingReplicas(config),
                release.commit(), registry.address()).withSecrets(secretValues);
        MaskedListener.of(listener, mask).runStarted(runId, config, release);
        try {
            return recorded(Flows.run(), FlowRun.ofCommit(deployment, plan, workspace, cdEngine, registry, production,
                    store));
        } finally {
            deleteWorkspace(workspace);
        }
    }

    /**
     * The deployment half for {@code image} (registry/repository:tag, or a tag of the service's image
     * in the registry), already pushed and tested by a run of the service, with the gantry.yml of the
     * service's last run.
     */
    public RunOutcome deploy(String service, String image, String trigger) {
        return deploy(service, image, false, trigger);
    }

    /**
     * The same; with {@code untested} (an admin's explicit choice) an image no run tested is deployed
     * too, and its run's trigger says so, which the audit log shows.
     */
    public RunOutcome deploy(String service, String image, boolean untested, String trigger) {
        ImageReference reference = DeployableImage.check(store, registry.address(), service, image, untested);
        String recorded = untested ? trigger + ", untested image" : trigger;
        return lock.holding(service, "deploy of " + reference, held -> deploy(service, reference, recorded, held));
    }

    private RunOutcome deploy(String service, ImageReference image, String trigger, HeldLock held) {
        String configText = DeployableImage.lastConfig(store, service);
        ImageReference reference = pushed(image, service);
        Deployment deployment = started("deploy", service, reference, configText, trigger, reference.tag(), held);
        return recorded(Flows.deploy(), ofImage(deployment));
    }

    /**
     * Puts the release that was live before the current one back behind the proxy, from its image,
     * without running its tests again (they passed when it was deployed).
     */
    public RunOutcome rollback(String service, String trigger) {
        return lock.holding(service, "rollback of " + service, held -> rollback(service, trigger, held));
    }

    private RunOutcome rollback(String service, String trigger, HeldLock held) {
        RunRecord previous = RollbackTarget.of(store, production.discovery(), service);
        ImageReference image = ImageReference.parse(previous.image().orElseThrow());
        Deployment deployment = started("rollback", service, image, previous.config().orElseThrow(), trigger,
                previous.commit(), held);
        return recorded(Flows.rollback(), ofImage(deployment));
    }

    /**
     * Brings the live colour of {@code service} to {@code replicas}, in place (docs/scaling.md), within {@code run/scale}
     * of the gantry.yml its live release was deployed with (beyond: exit 2, nothing changed); recorded as a run of kind
     * {@code scale}. Asked for the number that runs already, it changes and records nothing: empty.
     */
    public Optional<RunOutcome> scale(String service, int replicas, String trigger) {
        return lock.holding(service, "scale of " + service + " to " + replicas, held -> scale(service, replicas, trigger, held));
    }

    private Optional<RunOutcome> scale(String service, int replicas, String trigger, HeldLock held) {
        LiveRelease live = LiveRelease.of(store, production.discovery(), service);
        live.checkScale(replicas);
        int running = production.orchestrator().running(production.installation(), service, live.colour()).size();
        if (running == replicas && live.record().instances().size() == replicas) {
            return Optional.empty();
        }
        RunRecord release = live.run();
        ImageReference image = ImageReference.parse(release.image().orElseThrow());
        String title = "scale to " + replicas + " replica(s) from " + running;
        long runId = store.runs().start(new NewRun("scale", service, release.commit(), title, false, trigger,
                release.config().orElseThrow(), image.toString()));
        held.attach(runId);
        ServiceConfig scaled = live.config().withReplicas(replicas);
        listener.runStarted(runId, scaled, new Release(release.commit(), title, false));
        Deployment deployment = Deployment.ofImage(production.installation(), runId, scaled, release.commit(), image)
                .withSecrets(secrets.values(service));
        return Optional.of(recorded(Flows.scale(), ofImage(deployment)));
    }

    /** {@code reference}, checked to be in the installation's registry (the only one Gantry asks). */
    private ImageReference pushed(ImageReference reference, String service) {
        if (!registry.contains(reference)) {
            throw new NothingToDeployException(reference + " is not in the registry. `gantry history " + service
                    + "` lists the releases Gantry pushed.");
        }
        return reference;
    }

    private Deployment started(String kind, String service, ImageReference image, String configText, String trigger,
                               String release, HeldLock held) {
        ServiceConfig config = ServiceConfig.parse(configText, service + "/gantry.yml (from the store)");
        SecretValues secretValues = secrets.values(service);
        long runId = store.runs().start(new NewRun(kind, service, release, kind + " of " + image, false, trigger,
                configText, image.toString()));
        held.attach(runId);
        listener.runStarted(runId, config, new Release(release, kind + " of " + image, false));
        return Deployment.ofImage(production.installation(), runId, startingReplicas(config), release, image)
                .withSecrets(secretValues);
    }

    /**
     * How many replicas a new release of a service starts with: {@code run/replicas}, or, when {@code run/scale} lets it
     * be scaled and its live colour runs more, as many as that, up to the new {@code run/scale/max}, so that a deploy
     * in a busy hour keeps the capacity it was scaled up to (docs/scaling.md). A colour that lost replicas (a node
     * down) or was scaled down never makes the next release start smaller than {@code run/replicas}.
     */
    private ServiceConfig startingReplicas(ServiceConfig config) {
        ScaleSpec bounds = config.run().scale();
        if (bounds.min() == bounds.max()) {
            return config;
        }
        String service = config.service();
        return production.discovery().live(service).flatMap(colour -> production.discovery().colour(service, colour))
                .map(live -> live.instances().size()).filter(running -> running > 0)
                .map(running -> config.withReplicas(Math.min(bounds.max(), Math.max(config.run().replicas(), running))))
                .orElse(config);
    }

    private FlowRun ofImage(Deployment deployment) {
        return FlowRun.ofImage(deployment, cdEngine, registry, production, store);
    }

    /** Runs {@code flow} for {@code run}, recorded: its outcome in the store, and the stage it failed at. */
    private RunOutcome recorded(Flow flow, FlowRun run) {
        long started = System.nanoTime();
        Deployment deployment = run.deployment();
        long runId = deployment.runId();
        SecretMask mask = deployment.secrets().mask();
        RunListener heard = MaskedListener.of(listener, mask);
        var stages = new StageRunner(store, heard, installation.logs().resolve(deployment.service()),
                deployment.config().deadlines(), mask, installation.output());
        try {
            Colour colour = new FlowRunner(stages, heard).run(flow, run);
            store.runs().wentLive(runId, colour.word(), deployment.config().run().replicas());
            store.runs().finish(runId, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
            return new RunOutcome(runId, deployment.service(), deployment.release(), deployment.appImage(), colour,
                    run.serviceUrl(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            RuntimeException failure = MaskedFailures.of(e, mask);
            RunState state = e instanceof UndoFailedException ? RunState.NEEDS_ATTENTION : RunState.FAILED;
            store.runs().finish(runId, state, stages.failedStage().map(Stage::word),
                    Optional.of(Printable.of(Reason.of(failure))));
            throw failure;
        } finally {
            notifier.runEnded(store.runs(), runId, deployment.config().notifications());
        }
    }

    private static void deleteWorkspace(Path workspace) {
        if (!Files.exists(workspace)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(workspace)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new WorkspaceException(workspace, e);
        }
    }

    /** The workspace of a finished run could not be removed. */
    static final class WorkspaceException extends GantryException {
        WorkspaceException(Path workspace, IOException cause) {
            super("Removing the workspace " + workspace + " failed: " + cause.getMessage()
                    + ". Remove it by hand; it holds only a checkout.", cause);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.ENVIRONMENT_UNUSABLE;
        }
    }
}
