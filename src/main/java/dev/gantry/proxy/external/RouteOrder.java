package dev.gantry.proxy.external;

import dev.gantry.proxy.Route;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order both fragments try routes in, which makes HAProxy's first match equal nginx's longest
 * prefix: longest path prefix first; at the same prefix a route for a host before one for any host.
 */
final class RouteOrder {
    static final Comparator<Route> MATCHING = Comparator
            .comparingInt((Route route) -> -route.pathPrefix().length())
            .thenComparing(route -> route.host().isEmpty())
            .thenComparing(Route::service);

    private RouteOrder() {
    }

    static List<Route> sorted(Collection<Route> routes) {
        return routes.stream().sorted(MATCHING).toList();
    }

    /** The route's host as the proxies compare it: lowercase. */
    static String host(Route route) {
        return route.host().map(String::toLowerCase).orElse("");
    }
}
