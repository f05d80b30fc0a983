package dev.gantry.cli;

import dev.gantry.config.Installation;
import dev.gantry.engine.Engine;
import dev.gantry.image.Registry;
import dev.gantry.store.Store;

/** What the commands work with, opened from the installation config and closed together. */
final class Environment implements AutoCloseable {
    final Installation installation;
    final Registry registry;
    private Engine buildEngine;
    private Store store;

    private Environment(Installation installation) {
        this.installation = installation;
        this.registry = Registry.at(installation.registry());
    }

    /** The environment this process runs in, from GANTRY_HOME's config.yml and the environment variables. */
    static Environment load() {
        return new Environment(Installation.load(System.getenv()));
    }

    /** Checks that the build engine and the registry answer, before a run starts. */
    Void preflight() {
        buildEngine().ping();
        registry.ping();
        return null;
    }

    /** The engine that tests and builds (the CD engine), connected on first use. */
    synchronized Engine buildEngine() {
        if (buildEngine == null) {
            buildEngine = Engine.connect(installation.effectiveBuildDockerHost());
        }
        return buildEngine;
    }

    /** The store, opened (and migrated) on first use. */
    synchronized Store store() {
        if (store == null) {
            store = Store.open(installation.storeUrl());
        }
        return store;
    }

    @Override
    public synchronized void close() {
        if (buildEngine != null) {
            buildEngine.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
