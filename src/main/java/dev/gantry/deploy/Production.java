package dev.gantry.deploy;

import dev.gantry.discovery.Discovery;
import dev.gantry.engine.Engine;
import dev.gantry.proxy.Proxy;
import dev.gantry.store.InstallationId;

/**
 * Where releases run: the production engine (a single engine, or a Swarm's manager), the orchestrator
 * that runs replicas on it, the service registry and the proxy in front; {@code installation} is whose containers and services there are ours (labels and names carry it;
 * docs/architecture.md, "Installations").
 */
public record Production(InstallationId installation, Engine engine, Orchestrator orchestrator, Discovery discovery,
                         Proxy proxy) {

    /** Production on one Docker engine, with {@code health} asking the replicas. */
    public Production(InstallationId installation, Engine engine, Discovery discovery, Proxy proxy, HealthCheck health) {
        this(installation, engine, new SingleEngine(engine, health), discovery, proxy);
    }

    /** Production on one Docker engine, with the real HTTP health check. */
    public Production(InstallationId installation, Engine engine, Discovery discovery, Proxy proxy) {
        this(installation, engine, discovery, proxy, HealthCheck.http());
    }
}
