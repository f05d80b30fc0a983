package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.Route;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses a route HAProxy could not apply safely (names and prefixes go into map files and runtime
 * commands unquoted) and turns backend host names into addresses: the runtime API's
 * {@code set server addr} takes IP addresses only.
 */
final class RouteCheck {
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~%/-]{0,1023}");
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private RouteCheck() {
    }

    /** The route with every backend host as an IP address; a {@link ProxyException} if it is unusable. */
    static Route resolved(Route route, Map<String, Route> others) {
        require(SERVICE.matcher(route.service()).matches(), route, "the service name should be 1 to 40 lowercase"
                + " letters, digits and '-', starting with a letter");
        require(PATH.matcher(route.pathPrefix()).matches(), route, "the path prefix '" + route.pathPrefix()
                + "' should start with '/' and have only letters, digits and . _ ~ % / -");
        route.host().ifPresent(host -> require(HOST.matcher(host.toLowerCase()).matches(), route,
                "the host '" + host + "' is not a DNS name like books.example.com"));
        others.values().stream()
                .filter(o -> !o.service().equals(route.service()) && RouteMaps.key(o).equals(RouteMaps.key(route)))
                .findFirst().ifPresent(o -> require(false, route, "service " + o.service() + " is already routed at "
                        + o.host().map(h -> h + " ").orElse("") + o.pathPrefix() + "; unroute it first"));
        List<Backend> addresses = new ArrayList<>();
        for (Backend backend : route.backends()) {
            require(!backend.host().isBlank(), route, "a backend has no host");
            require(backend.port() >= 1 && backend.port() <= 65535, route,
                    "backend " + backend + " has no usable port (1 to 65535)");
            addresses.add(new Backend(address(route, backend), backend.port()));
        }
        return route.withBackends(addresses);
    }

    private static String address(Route route, Backend backend) {
        try {
            return InetAddress.getByName(backend.host()).getHostAddress();
        } catch (UnknownHostException | SecurityException e) {
            throw refused(route, "backend host '" + backend.host() + "' does not resolve to an address");
        }
    }

    private static void require(boolean ok, Route route, String why) {
        if (!ok) {
            throw refused(route, why);
        }
    }

    private static ProxyException refused(Route route, String why) {
        return new ProxyException("HAProxy refused the route of " + route.service() + " (" + route.pathPrefix()
                + " → " + route.backends() + "): " + why + ". The previous routing stays.");
    }
}
