package dev.gantry.wiring;

import dev.gantry.GantryException;
import dev.gantry.Reason;
import dev.gantry.Wait;
import dev.gantry.config.Installation;
import dev.gantry.config.OwnerOnly;
import dev.gantry.deploy.DetectedOrchestrator;
import dev.gantry.deploy.HealthCheck;
import dev.gantry.deploy.Orchestrator;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Discovery;
import dev.gantry.engine.Engine;
import dev.gantry.engine.LogSink;
import dev.gantry.flow.NeedsAttention;
import dev.gantry.flow.Recovery;
import dev.gantry.image.Registry;
import dev.gantry.lock.DeployLocks;
import dev.gantry.logs.LogArchive;
import dev.gantry.logs.LogCollector;
import dev.gantry.logs.LogRetention;
import dev.gantry.logs.ServiceLogs;
import dev.gantry.notify.Notifier;
import dev.gantry.pipeline.CdEngine;
import dev.gantry.pipeline.Pipeline;
import dev.gantry.proxy.Proxy;
import dev.gantry.secret.Vault;
import dev.gantry.stage.RunListener;
import dev.gantry.store.Store;
import dev.gantry.heal.CrashLoopGuard;
import dev.gantry.heal.RouteKeeper;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The composition root: the parts of one installation (the CD engine, the production engine, the
 * registry, the store, discovery, the proxy, notifiers and pipelines), each opened from the
 * installation config on first use and all closed together, so each command pays only for what it
 * touches. The CLI and {@code gantry server} ({@link ServerWiring}) build their pipelines here, so
 * both run the same flow.
 */
public final class InstallationParts implements AutoCloseable {
    /** The installation config these parts were opened from. */
    public final Installation installation;
    /** The image registry of the installation. */
    public final Registry registry;
    private final RunListener warnings;
    private Engine cdEngine;
    private Engine productionEngine;
    private Orchestrator orchestrator;
    private Store store;
    private Discovery discovery;
    private Proxy proxy;
    private LogArchive logArchive;
    private final Object proxyStart = new Object();

    private InstallationParts(Installation installation, RunListener warnings) {
        this.installation = installation;
        this.registry = Registry.at(installation.registry(), installation.logins().registry());
        this.warnings = warnings;
    }

    /** The parts of the installation this process runs in, from GANTRY_HOME's config.yml and the environment variables. */
    public static InstallationParts open() {
        return open(System.err);
    }

    /** The same, its warnings and the config's ("warning: …") on {@code warnings}: the CLI's stderr, the server's log. */
    public static InstallationParts open(PrintStream warnings) {
        RunListener shown = new RunListener() {
            @Override
            public void warning(String message) {
                warnings.println("warning: " + message);
                warnings.flush();
            }
        };
        return open(Installation.load(System.getenv(), shown::warning), shown);
    }

    /**
     * The parts of {@code installation}; recovery's warnings go to {@code warnings}, and so does,
     * once, a config.yml that others may read. The home is made owner-only ({@link OwnerOnly}).
     */
    public static InstallationParts open(Installation installation, RunListener warnings) {
        OwnerOnly.secure(installation.home());
        OwnerOnly.configWarning(installation.home()).ifPresent(warnings::warning);
        return new InstallationParts(installation, warnings);
    }

    /**
     * Checks that the engines and the registry answer; changes nothing, so it may run before the input is known good.
     * The three are asked at once (a cold Docker client takes ~0.3 s to connect); a failure is reported in the order
     * CD engine, registry, production engine, whichever answered first.
     */
    public Void checkReachable() {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> cd = threads.submit(() -> CdEngine.ping(cdEngine(), productionEngine()));
            Future<?> registryAnswers = threads.submit(registry::ping);
            Future<?> production = threads.submit(() -> {
                if (cdEngine() != productionEngine()) {
                    productionEngine().ping();
                }
            });
            for (Future<?> check : List.of(cd, registryAnswers, production)) {
                awaitCheck(check);
            }
        }
        return null;
    }

    private static void awaitCheck(Future<?> check) {
        try {
            check.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("checking the environment failed: " + Reason.of(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Wait.Interrupted("the engines and the registry to answer");
        }
    }

    /** Checks that everything a run needs answers, and starts the managed proxy if it is not running. */
    public void preflight() {
        checkReachable();
        startProxy();
    }

    /** Starts the managed proxy if it is not running; one start at a time (a server's runs and handed runs share it). */
    public void startProxy() {
        synchronized (proxyStart) {
            proxy().start();
        }
    }

    /**
     * The pipeline of this installation, reporting to {@code listener}, waiting at most
     * {@code lockWait} for the lock of a service another run holds, notifying as config.yml and
     * gantry.yml say.
     */
    public Pipeline pipeline(RunListener listener, Duration lockWait) {
        return new Pipeline(cdEngine(), registry, store(), production(), installation, listener, lockWait,
                notifier(listener));
    }

    /** The production side: engine, orchestrator, discovery, proxy. */
    public Production production() {
        return new Production(store().installationId(), productionEngine(), orchestrator(), discovery(), proxy());
    }

    /** What runs the replicas, as the production engine says when first asked ({@link Orchestrator#on}, docs/swarm.md). */
    public synchronized Orchestrator orchestrator() {
        if (orchestrator == null) {
            orchestrator = new DetectedOrchestrator(productionEngine(), HealthCheck.http());
        }
        return orchestrator;
    }

    /** The route keeper of production (docs/swarm.md#routes-follow-the-replicas), telling {@code log} what it changes. */
    public RouteKeeper routeKeeper(LogSink log) {
        return new RouteKeeper(production(), new DeployLocks(store()), store().runs(), HealthCheck.http(), log);
    }

    /**
     * The crash-loop guard of production (docs/swarm.md#a-release-that-keeps-crashing): it tells {@code log} what it
     * sees and starts a rollback through {@code rollback}.
     */
    public CrashLoopGuard crashLoopGuard(CrashLoopGuard.Rollback rollback, LogSink log) {
        return new CrashLoopGuard(production(), store().runs(), rollback, Clock.systemUTC(), log);
    }

    /** The engine that tests and builds (the CD engine), connected on first use. */
    public synchronized Engine cdEngine() {
        if (cdEngine == null) {
            cdEngine = installation.effectiveCdDockerHost().equals(installation.dockerHost())
                    ? productionEngine() : Engine.connect(installation.effectiveCdDockerHost(),
                            registry.address(), installation.logins().registry(), installation.output());
        }
        return cdEngine;
    }

    /** The engine that runs the releases (DOCKER_HOST), connected on first use. */
    public synchronized Engine productionEngine() {
        if (productionEngine == null) {
            productionEngine = Engine.connect(installation.dockerHost(), registry.address(),
                    installation.logins().registry(), installation.output());
        }
        return productionEngine;
    }

    /**
     * The store, opened (and migrated) on first use; runs that a dead gantry process left unfinished
     * are recovered then (docs/journal-recovery-locks.md), so every command that reads the store
     * sees production as it is.
     */
    public synchronized Store store() {
        if (store == null) {
            store = Store.open(installation.storeUrl());
            OwnerOnly.secure(installation.home());  // the SQLite file it may just have made, 0600
            NeedsAttention.reminders(store).forEach(warnings::warning);
            if (Recovery.needed(store)) {
                recoverUnfinishedRuns();
            }
        }
        return store;
    }

    /** A recovery that cannot finish now is shown, not fatal: the next command tries again. */
    private void recoverUnfinishedRuns() {
        try {
            recovery().recoverAll(new DeployLocks(store));
        } catch (GantryException e) {
            warnings.warning("recovering a run that a stopped gantry process left unfinished failed: " + e.getMessage()
                    + " The next gantry command tries again.");
        }
    }

    /**
     * Tries once more to finish the runs of {@code service} that need attention
     * ({@code gantry lock release}); what happened goes to the warnings. Answers the runs tried.
     */
    public List<Long> retryRunsNeedingAttention(String service) {
        return recovery().retry(service, new DeployLocks(store()));
    }

    private Recovery recovery() {
        return new Recovery(store(), cdEngine(), production(), warnings, notifier(warnings));
    }

    /** The notifier of this installation (config.yml's notify), whose own problems go to {@code listener}. */
    private Notifier notifier(RunListener listener) {
        return Notifier.of(installation, listener::warning);
    }

    /** The service registry, opened on first use. */
    public synchronized Discovery discovery() {
        if (discovery == null) {
            discovery = Discovery.open(installation.discovery(), store(), installation.logins().etcd());
        }
        return discovery;
    }

    /** The archive of collected logs (docs/logs.md, "The archive"), opened on first use. */
    public synchronized LogArchive logArchive() {
        if (logArchive == null) {
            logArchive = LogArchive.open(installation.logArchiveFile());
        }
        return logArchive;
    }

    /**
     * The logs of {@code service}: what the archive kept and its replicas' output on the engines after that, masked
     * with its secrets; a replica that cannot be read is told to {@code warnings}.
     */
    public ServiceLogs serviceLogs(String service, Consumer<String> warnings) {
        Production production = production();
        return new ServiceLogs(production.orchestrator(), production.installation(), service,
                Vault.of(installation.home(), store()).mask(service), warnings, Optional.of(logArchive()));
    }

    /**
     * Starts collecting the output of every live service's replicas into the archive (docs/logs.md, "Collected logs"),
     * telling {@code log} what goes wrong; answers what stops it. It reads through a Docker connection of its own: its
     * follows hold connections for as long as replicas run, which must never keep a run waiting for one.
     */
    public Runnable startLogCollection(LogSink log) {
        Engine engine = Engine.connect(installation.dockerHost(), registry.address(), installation.logins().registry(),
                installation.output());
        Vault vault = Vault.of(installation.home(), store());
        LogCollector collector = LogCollector.start(new DetectedOrchestrator(engine, HealthCheck.http()),
                store().installationId(), () -> discovery().services(), vault::mask, logArchive(),
                new LogRetention(Duration.ofDays(installation.output().collectedDays()), installation.output().collectedMax()),
                log);
        return () -> {
            collector.close();
            engine.close();
        };
    }

    /** The proxy, managed by this installation. */
    public synchronized Proxy proxy() {
        if (proxy == null) {
            proxy = Proxy.open(installation);
        }
        return proxy;
    }

    @Override
    public synchronized void close() {
        if (logArchive != null) {
            logArchive.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (discovery != null) {
            discovery.close();
        }
        if (cdEngine != null && cdEngine != productionEngine) {
            cdEngine.close();
        }
        if (productionEngine != null) {
            productionEngine.close();
        }
        if (store != null) {
            store.close();
        }
        try {
            OwnerOnly.secure(installation.home());  // what this command wrote: logs, the route table, repositories
        } catch (RuntimeException e) {
            // not worth failing a command that did its work for: its next start makes them owner-only
        }
    }
}
