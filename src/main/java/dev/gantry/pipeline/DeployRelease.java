package dev.gantry.pipeline;

import dev.gantry.GantryException;
import dev.gantry.deploy.Deployment;
import dev.gantry.deploy.Labels;
import dev.gantry.deploy.Production;
import dev.gantry.deploy.RegisterCandidate;
import dev.gantry.deploy.RetireColour;
import dev.gantry.deploy.StartCandidate;
import dev.gantry.deploy.SwitchTraffic;
import dev.gantry.deploy.Effect;
import dev.gantry.deploy.RunJournal;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.Engine;
import dev.gantry.fault.Failpoints;
import dev.gantry.proxy.PreparedRoute;
import dev.gantry.proxy.Proxy;
import dev.gantry.store.Journal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The deployment half of the flow: deploy → register → pre-integration → switch → post-integration,
 * each change journaled and, on any failure, undone newest-first from the journal; then the point of
 * no return is journaled and the old colour is cleaned up.
 */
final class DeployRelease {
    private final Engine testEngine;
    private final Production production;
    private final StageRunner stages;
    private final RunListener listener;
    private final Journal journal;

    DeployRelease(Engine testEngine, Production production, StageRunner stages, RunListener listener, Journal journal) {
        this.testEngine = testEngine;
        this.production = production;
        this.stages = stages;
        this.listener = listener;
        this.journal = journal;
    }

    /** Puts {@code deployment} live; returns its colour. {@code withTests} false skips the integration tests. */
    Colour run(Deployment deployment, boolean withTests) {
        String service = deployment.service();
        Optional<Colour> previous = production.discovery().live(service);
        Colour candidate = previous.map(Colour::other).orElse(Colour.BLUE);
        long runId = deployment.runId();
        var changes = new RunJournal(journal, runId, service);
        try {
            var instances = new AtomicReference<List<Instance>>();
            stages.run(runId, Stage.DEPLOY, log ->
                    instances.set(new StartCandidate(production.engine(), production.health()).run(deployment, candidate, changes, log)));
            var switchTraffic = new SwitchTraffic(production.discovery(), production.proxy());
            var prepared = new AtomicReference<PreparedRoute>();
            stages.run(runId, Stage.REGISTER, log -> {
                new RegisterCandidate(production.discovery()).run(deployment, candidate, instances.get(), changes, log);
                prepared.set(switchTraffic.prepare(service, deployment.config().proxy(), candidate, log));
            });
            if (withTests) {
                Instance first = instances.get().getFirst();
                integrationTests(deployment, TestPhaseKind.PRE_INTEGRATION, Stage.PRE_INTEGRATION,
                        "http://" + first.host() + ":" + first.port(), candidate);
            }
            stages.run(runId, Stage.SWITCH, log ->
                    switchTraffic.run(service, deployment.config().proxy(), candidate, prepared.get(), changes, log));
            if (withTests) {
                integrationTests(deployment, TestPhaseKind.POST_INTEGRATION, Stage.POST_INTEGRATION,
                        proxyOrigin(production.proxy()), candidate);
            }
        } catch (RuntimeException failure) {
            undo(stages, runId, changes, production, failure);
            throw failure;
        }
        changes.keep(new Effect.ReleaseKept(service, candidate, previous.orElse(null)));
        previous.ifPresent(old -> cleanup(deployment, old, changes));
        return candidate;
    }

    /** Takes the run's changes back; an undo that fails or passes its deadline leaves production to a person (exit 3). */
    static void undo(StageRunner stages, long runId, RunJournal changes, Production production, RuntimeException failure) {
        try {
            stages.run(runId, Stage.UNDO, log -> {
                List<String> failures = changes.undo(production, "run " + runId, log);
                if (!failures.isEmpty()) {
                    throw new UndoFailedException(changes.service(), failure, failures);
                }
            });
        } catch (StageFailedException late) {
            throw new UndoFailedException(changes.service(), failure, List.of("the undo stage " + late.reason()));
        }
    }

    /** The point of no return is behind: a failed cleanup is reported but does not fail the run. */
    private void cleanup(Deployment deployment, Colour old, RunJournal journal) {
        try {
            stages.run(deployment.runId(), Stage.CLEANUP, log -> new RetireColour(production)
                    .run(deployment, old, deployment.config().deploy().drain(), journal, log));
        } catch (GantryException e) {
            listener.warning("the new release is live, but retiring the old " + old.word() + " colour failed: "
                    + e.getMessage() + ". Stop its containers by hand (docker ps --filter label=gantry.colour="
                    + old.word() + ").");
        }
    }

    private void integrationTests(Deployment deployment, TestPhaseKind phase, Stage stage, String origin, Colour colour) {
        var settings = phase.settings(deployment.config().tests());
        stages.run(deployment.runId(), stage, log -> {
            testEngine.pull(deployment.testImage().toString(), deployment.config().deadlines().of(stage.word()), log);
            try (var network = TestNetwork.open(testEngine, TestContainers.name(deployment, phase),
                    Labels.test(deployment), origin, log)) {
                Failpoints.reach(stage.word() + ".test-network"); // the network is there, its container not yet
                new TestContainerRun(testEngine).run(stage, TestContainers.integration(deployment, phase,
                        network.targetUrl(), network.name(), colour), settings.timeout(), log);
            }
        });
    }

    /**
     * Where post-integration tests reach the proxy: its origin, without the route's path (that comes as
     * GANTRY_PROXY_PATH), so TARGET_URL has the shape it has before the switch. An external proxy's
     * proxy-url may carry a path where an outer proxy mounts it; that mount stays, as it is not the route's.
     */
    static String proxyOrigin(Proxy proxy) {
        String url = proxy.url();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The URL of the service through the proxy, as a person opens it: the proxy and the route's path prefix. */
    static String throughProxy(Proxy proxy, Deployment deployment) {
        String path = deployment.config().proxy().path();
        return proxyOrigin(proxy) + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }
}
