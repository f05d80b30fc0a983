package dev.gantry.deploy;

import dev.gantry.discovery.Discovery;
import dev.gantry.engine.Engine;
import dev.gantry.proxy.Proxy;

/** Where releases run: the production engine, the service registry and the proxy in front. */
public record Production(Engine engine, Discovery discovery, Proxy proxy) {
}
