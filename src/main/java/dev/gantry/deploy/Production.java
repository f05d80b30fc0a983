package dev.gantry.deploy;

import dev.gantry.discovery.Discovery;
import dev.gantry.engine.Engine;
import dev.gantry.proxy.Proxy;

/**
 * Where releases run: the production engine, the service registry, the proxy in front, and how
 * the health of a replica is asked.
 */
public record Production(Engine engine, Discovery discovery, Proxy proxy, HealthCheck health) {

    /** Production with the real HTTP health check. */
    public Production(Engine engine, Discovery discovery, Proxy proxy) {
        this(engine, discovery, proxy, HealthCheck.http());
    }
}
