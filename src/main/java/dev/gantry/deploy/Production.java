package dev.gantry.deploy;

import dev.gantry.discovery.Discovery;
import dev.gantry.engine.Engine;
import dev.gantry.proxy.Proxy;
import dev.gantry.store.InstallationId;

/**
 * Where releases run: the production engine, the service registry, the proxy in front, and how
 * the health of a replica is asked; {@code installation} is whose containers on that engine are
 * ours (labels and names carry it; docs/architecture.md, "Installations").
 */
public record Production(InstallationId installation, Engine engine, Discovery discovery, Proxy proxy,
                         HealthCheck health) {

    /** Production with the real HTTP health check. */
    public Production(InstallationId installation, Engine engine, Discovery discovery, Proxy proxy) {
        this(installation, engine, discovery, proxy, HealthCheck.http());
    }
}
