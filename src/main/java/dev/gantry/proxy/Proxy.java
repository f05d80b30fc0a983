package dev.gantry.proxy;

import dev.gantry.fault.Failpoints;
import dev.gantry.config.Installation;
import dev.gantry.proxy.external.ExternalProxy;
import dev.gantry.proxy.haproxy.HaproxyProxy;
import dev.gantry.proxy.nginx.NginxProxy;
import java.util.Map;
import java.util.Set;

/**
 * The proxy in front of every service: one listener, routes by path prefix and host. Changing a
 * service's route in a managed proxy loses no request: in-flight requests finish on the old backends
 * while new ones go to the new backends. An external proxy changes by the user's apply command,
 * usually a reload, which can lose requests on keep-alive connections (docs/proxy-external.md).
 */
public interface Proxy extends AutoCloseable {

    /** The proxy of this installation: the user's own (GANTRY_PROXY_MODE=external), else the managed GANTRY_PROXY. */
    static Proxy open(Installation installation) {
        Proxy proxy = installation.externalProxy() ? new ExternalProxy(installation) : switch (installation.proxy()) {
            case "nginx" -> new NginxProxy(installation);
            case "haproxy" -> new HaproxyProxy(installation);
            default -> throw new ProxyUnavailableException("Unknown proxy \"" + installation.proxy()
                    + "\"; set GANTRY_PROXY to haproxy or nginx.");
        };
        return Failpoints.armed() ? new FaultyProxy(proxy) : proxy;
    }

    /** Starts the proxy if it is not running (managed mode), with the routes it had. */
    void start();

    /** Routes {@code route.service()} to its backends, replacing its previous route, losing no request. */
    void route(Route route);

    /**
     * The same, when the backends the route no longer lists are {@code gone} (a replica killed, its node cut off: the
     * route keeper's change, docs/swarm.md#a-node-that-dies): a request in flight on one of them cannot finish, so it
     * is ended at once rather than waited for. By default as {@link #route}.
     */
    default void reroute(Route route, Set<Backend> gone) {
        route(route);
    }

    /**
     * Checks {@code route} and renders and validates the configuration it leads to, changing no routing,
     * so that the switch only has to apply it; a {@link ProxyException} if the proxy would refuse it.
     */
    default PreparedRoute prepare(Route route) {
        return new PreparedRoute(route, () -> route(route));
    }

    /** Stops routing {@code service}; its requests get 404 from the proxy. */
    void unroute(String service);

    /** The routes the proxy applies now, by service. */
    Map<String, Route> routes();

    /** The base URL users reach the proxy at, e.g. {@code http://127.0.0.1:80}. */
    String url();

    /** Which proxy this is, for messages: "haproxy (managed, pid 1234)". */
    String describe();

    /**
     * The requests the proxy answers from now on, for gantry server's request metrics (docs/observability.md);
     * an external proxy tells none.
     */
    default RequestFeed requests() {
        return RequestFeed.NONE;
    }

    /** Stops the proxy if this installation manages it. */
    void stop();

    @Override
    default void close() {
    }
}
