package dev.gantry.proxy;

import dev.gantry.config.Installation;
import dev.gantry.proxy.haproxy.HaproxyProxy;
import dev.gantry.proxy.nginx.NginxProxy;
import java.util.Map;

/**
 * The proxy in front of every service: one listener, routes by path prefix and host. Changing a
 * service's route loses no request: in-flight requests finish on the old backends while new ones
 * go to the new backends.
 */
public interface Proxy extends AutoCloseable {

    /** The proxy this installation manages (GANTRY_PROXY: haproxy or nginx). */
    static Proxy open(Installation installation) {
        return switch (installation.proxy()) {
            case "nginx" -> new NginxProxy(installation);
            case "haproxy" -> new HaproxyProxy(installation);
            default -> throw new ProxyUnavailableException("Unknown proxy \"" + installation.proxy()
                    + "\"; set GANTRY_PROXY to haproxy or nginx.");
        };
    }

    /** Starts the proxy if it is not running (managed mode), with the routes it had. */
    void start();

    /** Routes {@code route.service()} to its backends, replacing its previous route, losing no request. */
    void route(Route route);

    /** Stops routing {@code service}; its requests get 404 from the proxy. */
    void unroute(String service);

    /** The routes the proxy applies now, by service. */
    Map<String, Route> routes();

    /** The base URL users reach the proxy at, e.g. {@code http://127.0.0.1:80}. */
    String url();

    /** Which proxy this is, for messages: "haproxy (managed, pid 1234)". */
    String describe();

    /** Stops the proxy if this installation manages it. */
    void stop();

    @Override
    default void close() {
    }
}
