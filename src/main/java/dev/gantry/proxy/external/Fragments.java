package dev.gantry.proxy.external;

import dev.gantry.proxy.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the nginx and HAProxy fragments share: their header and which routes a host is served. */
final class Fragments {
    static final String HEADER = "# Written by Gantry (proxy-mode: external) at every route change; edits here are lost.\n"
            + "# Gantry's routes are in routes.json under $GANTRY_HOME/proxy. See docs/proxy-external.md.\n";

    private Fragments() {
    }

    /**
     * The routes a request for {@code host} can take, in matching order: the host's own routes and
     * the routes for any host whose prefix the host's routes do not have. For host "" (a Host no
     * route names), the routes for any host.
     */
    static List<Route> servedFor(String host, Map<String, Route> routes) {
        List<Route> own = routes.values().stream().filter(route -> RouteOrder.host(route).equals(host)).toList();
        List<Route> served = new ArrayList<>(own);
        routes.values().stream()
                .filter(route -> route.host().isEmpty())
                .filter(route -> own.stream().noneMatch(o -> o.pathPrefix().equals(route.pathPrefix())))
                .forEach(served::add);
        return RouteOrder.sorted(served);
    }
}
