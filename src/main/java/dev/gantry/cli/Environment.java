package dev.gantry.cli;

import dev.gantry.GantryException;
import dev.gantry.config.Installation;
import dev.gantry.lock.DeployLocks;
import dev.gantry.lock.Owner;
import dev.gantry.pipeline.Recovery;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Discovery;
import dev.gantry.engine.Engine;
import dev.gantry.image.Registry;
import dev.gantry.notify.Notifier;
import dev.gantry.pipeline.Pipeline;
import dev.gantry.pipeline.RunListener;
import dev.gantry.proxy.Proxy;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * What the commands work with, opened from the installation config on first use and closed
 * together: each command pays only for what it touches.
 */
final class Environment implements AutoCloseable {
    final Installation installation;
    final Registry registry;
    private Engine buildEngine;
    private Engine productionEngine;
    private Store store;
    private Discovery discovery;
    private Proxy proxy;

    private Environment(Installation installation) {
        this.installation = installation;
        this.registry = Registry.at(installation.registry());
    }

    /** The environment this process runs in, from GANTRY_HOME's config.yml and the environment variables. */
    static Environment load() {
        return new Environment(Installation.load(System.getenv()));
    }

    /** Checks that the engines and the registry answer; changes nothing, so it may run before the input is known good. */
    Void checkReachable() {
        CdEngine.ping(buildEngine(), productionEngine());
        registry.ping();
        if (buildEngine() != productionEngine()) {
            productionEngine().ping();
        }
        return null;
    }

    /** Checks that everything a run needs answers, and starts the managed proxy if it is not running. */
    void preflight() {
        checkReachable();
        proxy().start();
    }

    /**
     * The pipeline of this installation, reporting to {@code listener}, waiting at most
     * {@code lockWait} for the lock of a service another run holds, notifying as config.yml and
     * gantry.yml say.
     */
    Pipeline pipeline(RunListener listener, Duration lockWait) {
        return new Pipeline(buildEngine(), registry, store(), production(), installation, listener, lockWait,
                Notifier.of(installation, listener::warning));
    }

    /** The production side: engine, discovery, proxy. */
    Production production() {
        return new Production(productionEngine(), discovery(), proxy());
    }

    /** The engine that tests and builds (the CD engine), connected on first use. */
    synchronized Engine buildEngine() {
        if (buildEngine == null) {
            buildEngine = installation.effectiveBuildDockerHost().equals(installation.dockerHost())
                    ? productionEngine() : Engine.connect(installation.effectiveBuildDockerHost());
        }
        return buildEngine;
    }

    /** The engine that runs the releases (DOCKER_HOST), connected on first use. */
    synchronized Engine productionEngine() {
        if (productionEngine == null) {
            productionEngine = Engine.connect(installation.dockerHost());
        }
        return productionEngine;
    }

    /** Who runs this command, for the run records and the audit log: "cli (root@host)". */
    static String trigger() {
        Owner me = Owner.current();
        return "cli (" + me.user() + "@" + me.host() + ")";
    }

    /**
     * The store, opened (and migrated) on first use; runs that a dead gantry process left unfinished
     * are recovered then (docs/journal-recovery-locks.md), so every command that reads the store
     * sees production as it is.
     */
    synchronized Store store() {
        if (store == null) {
            store = Store.open(installation.storeUrl());
            if (Recovery.needed(store)) {
                recoverUnfinishedRuns();
            }
        }
        return store;
    }

    /** A recovery that cannot finish now is shown, not fatal: the next command tries again. */
    private void recoverUnfinishedRuns() {
        var warnings = new ProgressPrinter(new PrintWriter(System.err, true));
        try {
            new Recovery(store, buildEngine(), production(), warnings, Notifier.of(installation, warnings::warning))
                    .recoverAll(new DeployLocks(store));
        } catch (GantryException e) {
            warnings.warning("recovering a run that a stopped gantry process left unfinished failed: " + e.getMessage()
                    + " The next gantry command tries again.");
        }
    }

    /** The service registry, opened on first use. */
    synchronized Discovery discovery() {
        if (discovery == null) {
            discovery = Discovery.open(installation.discovery(), store());
        }
        return discovery;
    }

    /** The proxy, managed by this installation. */
    synchronized Proxy proxy() {
        if (proxy == null) {
            proxy = Proxy.open(installation);
        }
        return proxy;
    }

    @Override
    public synchronized void close() {
        if (proxy != null) {
            proxy.close();
        }
        if (discovery != null) {
            discovery.close();
        }
        if (buildEngine != null && buildEngine != productionEngine) {
            buildEngine.close();
        }
        if (productionEngine != null) {
            productionEngine.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
