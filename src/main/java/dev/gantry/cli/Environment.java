package dev.gantry.cli;

import dev.gantry.config.Installation;
import dev.gantry.engine.Engine;
import dev.gantry.image.Registry;
import dev.gantry.store.Store;

/** What the commands work with, opened from the installation config and closed together. */
final class Environment implements AutoCloseable {
    final Installation installation;
    final Engine buildEngine;
    final Registry registry;
    private Store store;

    private Environment(Installation installation) {
        this.installation = installation;
        this.buildEngine = Engine.connect(installation.effectiveBuildDockerHost());
        this.registry = Registry.at(installation.registry());
    }

    /** The environment this process runs in, from GANTRY_HOME's config.yml and the environment variables. */
    static Environment load() {
        return new Environment(Installation.load(System.getenv()));
    }

    /** Checks that the build engine and the registry answer, before a run starts. */
    Void preflight() {
        buildEngine.ping();
        registry.ping();
        return null;
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
        buildEngine.close();
        if (store != null) {
            store.close();
        }
    }
}
