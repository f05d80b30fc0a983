package dev.gantry.proxy;

import dev.gantry.fault.Action;
import dev.gantry.fault.Failpoints;
import java.util.Map;
import java.util.Set;

/** The proxy with failpoints in front (GANTRY_FAILPOINTS): under an armed stage, every route change is refused. */
final class FaultyProxy implements Proxy {
    private final Proxy proxy;

    FaultyProxy(Proxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public void start() {
        proxy.start();
    }

    @Override
    public void route(Route route) {
        refuseIfArmed("routing " + route.service());
        proxy.route(route);
    }

    @Override
    public void reroute(Route route, Set<Backend> gone) {
        refuseIfArmed("routing " + route.service());
        proxy.reroute(route, gone);
    }

    /** The proxy's own check; the armed refusal comes when the change is applied, in the switch stage. */
    @Override
    public PreparedRoute prepare(Route route) {
        PreparedRoute prepared = proxy.prepare(route);
        return new PreparedRoute(route, () -> {
            refuseIfArmed("routing " + route.service());
            prepared.apply();
        });
    }

    @Override
    public void unroute(String service) {
        refuseIfArmed("unrouting " + service);
        proxy.unroute(service);
    }

    @Override
    public Map<String, Route> routes() {
        return proxy.routes();
    }

    @Override
    public String url() {
        return proxy.url();
    }

    @Override
    public String describe() {
        return proxy.describe();
    }

    @Override
    public RequestFeed requests() {
        return proxy.requests();
    }

    @Override
    public void stop() {
        proxy.stop();
    }

    @Override
    public void close() {
        proxy.close();
    }

    private static void refuseIfArmed(String change) {
        Failpoints.call(Action.PROXY, () -> new ProxyException("The proxy rejected the configuration for " + change
                + ": [ALERT] config: parsing error (injected: GANTRY_FAILPOINTS); the old routing stays."));
    }
}
