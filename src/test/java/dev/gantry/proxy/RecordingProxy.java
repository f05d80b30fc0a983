package dev.gantry.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A proxy that keeps its routes in memory and records every change. */
public class RecordingProxy implements Proxy {
    public final Map<String, Route> routes = new TreeMap<>();
    public final List<String> calls = new ArrayList<>();
    /** What {@link #prepare} throws, as a proxy refusing the route would; none when null. */
    public ProxyException refusal;

    @Override
    public void start() {
        calls.add("start");
    }

    @Override
    public void route(Route route) {
        calls.add("route " + route.service() + " " + route.backends());
        routes.put(route.service(), route);
    }

    @Override
    public PreparedRoute prepare(Route route) {
        calls.add("prepare " + route.service());
        if (refusal != null) {
            throw refusal;
        }
        return new PreparedRoute(route, () -> route(route));
    }

    @Override
    public void unroute(String service) {
        calls.add("unroute " + service);
        routes.remove(service);
    }

    @Override
    public Map<String, Route> routes() {
        return Map.copyOf(routes);
    }

    @Override
    public String url() {
        return "http://127.0.0.1:8080";
    }

    @Override
    public String describe() {
        return "recording proxy";
    }

    @Override
    public void stop() {
        calls.add("stop");
    }
}
