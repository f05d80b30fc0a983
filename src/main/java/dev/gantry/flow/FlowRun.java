package dev.gantry.flow;

import dev.gantry.config.ServiceConfig;
import dev.gantry.deploy.Deployment;
import dev.gantry.deploy.Production;
import dev.gantry.deploy.RunJournal;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.Engine;
import dev.gantry.image.ImageReference;
import dev.gantry.image.Registry;
import dev.gantry.proxy.PreparedRoute;
import dev.gantry.source.CheckoutPlan;
import dev.gantry.store.RequestFigures;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The context of one run that its steps read and fill: the deployment it makes, its commit and
 * workspace (runs only), where it runs, and what earlier steps found: the live colour before it, the
 * candidate colour, the instances started, the route the proxy accepted.
 */
public final class FlowRun {
    private final Deployment deployment;
    private final CheckoutPlan plan;
    private final Path workspace;
    private final Engine cdEngine;
    private final Registry registry;
    private final Production production;
    private final RunJournal changes;
    private final RequestFigures figures;
    private final CompletableFuture<Void> testImageBuilt = new CompletableFuture<>();
    private volatile Optional<Colour> previous = Optional.empty();
    private volatile Colour candidate;
    private volatile List<Instance> instances = List.of();
    private volatile PreparedRoute prepared;
    private volatile RuntimeException failure;
    private volatile Instant switched;

    private FlowRun(Deployment deployment, CheckoutPlan plan, Path workspace, Engine cdEngine, Registry registry,
                    Production production, Store store) {
        this.deployment = deployment;
        this.plan = plan;
        this.workspace = workspace;
        this.cdEngine = cdEngine;
        this.registry = registry;
        this.production = production;
        this.changes = new RunJournal(store.journal(), deployment.runId(), deployment.service());
        this.figures = store.requestFigures();
    }

    /** A run of a commit: checked out by {@code plan} into {@code workspace}, tested and built on {@code cdEngine}. */
    public static FlowRun ofCommit(Deployment deployment, CheckoutPlan plan, Path workspace, Engine cdEngine,
                            Registry registry, Production production, Store store) {
        return new FlowRun(deployment, plan, workspace, cdEngine, registry, production, store);
    }

    /** A run of an image already in the registry (deploy, rollback): it has no commit to check out. */
    public static FlowRun ofImage(Deployment deployment, Engine cdEngine, Registry registry, Production production,
                           Store store) {
        return new FlowRun(deployment, null, null, cdEngine, registry, production, store);
    }

    /** The deployment the run makes: its run id, config, images and secrets. */
    public Deployment deployment() {
        return deployment;
    }

    long runId() {
        return deployment.runId();
    }

    String service() {
        return deployment.service();
    }

    ServiceConfig config() {
        return deployment.config();
    }

    ImageReference appImage() {
        return deployment.appImage();
    }

    ImageReference testImage() {
        return deployment.testImage();
    }

    /** What the checkout writes; only a run of a commit has one. */
    CheckoutPlan plan() {
        return plan;
    }

    /** Where the commit is checked out; only a run of a commit has one. */
    Path workspace() {
        return workspace;
    }

    /** The CD engine: where tests, builds, pushes and integration-test containers run. */
    Engine cdEngine() {
        return cdEngine;
    }

    Registry registry() {
        return registry;
    }

    Production production() {
        return production;
    }

    /**
     * Where post-integration tests reach the proxy: its origin, without the route's path (that comes as
     * GANTRY_PROXY_PATH), so TARGET_URL has the shape it has before the switch. An external proxy's
     * proxy-url may carry a path where an outer proxy mounts it; that mount stays, as it is not the route's.
     */
    String proxyOrigin() {
        String url = production.proxy().url();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The URL of the service through the proxy, as a person opens it: the proxy and the route's path prefix. */
    public String serviceUrl() {
        String path = config().proxy().path();
        return proxyOrigin() + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    /** The journal of this run's changes to production, which undo takes back. */
    /** The requests each release answered through the proxy, as gantry server stored them. */
    RequestFigures figures() {
        return figures;
    }

    RunJournal changes() {
        return changes;
    }

    /** Told once the test image exists, so that the build can start beside the tests. */
    CompletableFuture<Void> testImageBuilt() {
        return testImageBuilt;
    }

    /**
     * Settles the colours as the deployment half begins: blue-green, the live one before it and the candidate, the
     * other; in place, the live one is the candidate and none is retired.
     */
    void chooseColours(Flow.Colours colours) {
        Optional<Colour> live = production.discovery().live(service());
        switch (colours) {
            case BESIDE_THE_LIVE -> {
                previous = live;
                candidate = live.map(Colour::other).orElse(Colour.BLUE);
            }
            case THE_LIVE -> candidate = live.orElseThrow(() -> new IllegalStateException(
                    service() + " has no live colour to change in place"));
        }
    }

    /** The colour that was live when the deployment half began, if any. */
    Optional<Colour> previous() {
        return previous;
    }

    Colour candidate() {
        return candidate;
    }

    /** The candidate's replicas, once the deploy step started them. */
    List<Instance> instances() {
        return instances;
    }

    void started(List<Instance> replicas) {
        instances = List.copyOf(replicas);
    }

    /** The route to the candidate the proxy accepted in the register step, which the switch applies. */
    PreparedRoute prepared() {
        return prepared;
    }

    void prepared(PreparedRoute route) {
        prepared = route;
    }

    /** Why the deployment half failed, which undo reports with what it could not take back. */
    /** When the proxy sent the users to the candidate; the analysis window starts there. */
    Instant switched() {
        return switched;
    }

    void switched(Instant when) {
        this.switched = when;
    }

    RuntimeException failure() {
        return failure;
    }

    void failed(RuntimeException cause) {
        failure = cause;
    }
}
