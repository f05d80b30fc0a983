package dev.gantry.proxy.external;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses a route before anything is written: names, prefixes, hosts and backends go into the
 * proxy's configuration unquoted, so each must be plain (DESIGN.md's rules for gantry.yml).
 */
final class RouteCheck {
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern PATH_PREFIX = Pattern.compile("/[A-Za-z0-9._~%/-]{0,1023}");
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern DNS_NAME = Pattern.compile("(?i)(?=.{1,253}$)" + LABEL + "(?:\\." + LABEL + ")*");

    private RouteCheck() {
    }

    /** The route, or a {@link ProxyException} naming every problem in it and any service already at its place. */
    static Route check(Route route, Map<String, Route> current, String proxy) {
        List<String> problems = problems(route);
        current.values().stream()
                .filter(other -> !other.service().equals(route.service()))
                .filter(other -> other.pathPrefix().equals(route.pathPrefix())
                        && RouteOrder.host(other).equals(RouteOrder.host(route)))
                .forEach(other -> problems.add("service " + other.service() + " is already routed at "
                        + other.host().map(host -> host + " ").orElse("") + other.pathPrefix() + "; unroute it first"));
        if (!problems.isEmpty()) {
            throw new ProxyException("Cannot route " + route.service() + " through the external " + proxy + ": "
                    + String.join("; ", problems) + ". Nothing was changed.");
        }
        return route;
    }

    static List<String> problems(Route route) {
        List<String> problems = new ArrayList<>();
        if (!SERVICE.matcher(route.service()).matches()) {
            problems.add("service name \"" + route.service() + "\" should be 1 to 40 lowercase letters, digits and '-',"
                    + " starting with a letter");
        }
        if (!PATH_PREFIX.matcher(route.pathPrefix()).matches()) {
            problems.add("path prefix \"" + route.pathPrefix() + "\" should start with '/' and hold only letters,"
                    + " digits and . _ ~ % / - (like /api/v1/books)");
        }
        route.host().filter(host -> !DNS_NAME.matcher(host).matches()).ifPresent(host ->
                problems.add("host \"" + host + "\" should be a DNS name like books.example.com"));
        for (Backend backend : route.backends()) {
            if (!DNS_NAME.matcher(backend.host()).matches() || backend.port() < 1 || backend.port() > 65535) {
                problems.add("backend " + backend + " should be an IPv4 address or a DNS name and a port from 1 to 65535");
            }
        }
        return problems;
    }
}
