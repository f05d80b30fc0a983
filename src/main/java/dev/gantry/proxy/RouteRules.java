package dev.gantry.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What every proxy requires of a route before anything is written: names, prefixes and hosts go
 * into its configuration unquoted, so each must be plain (docs/design.md, "gantry.yml"); backend
 * ports must be ports; and no other service may have the same path prefix and host. Each proxy adds
 * its own rules for backend hosts.
 */
public final class RouteRules {
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern PATH_PREFIX = Pattern.compile("/[A-Za-z0-9._~%/-]{0,1023}");
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern DNS_NAME = Pattern.compile("(?i)(?=.{1,253}$)" + LABEL + "(?:\\." + LABEL + ")*");

    private RouteRules() {
    }

    /**
     * The route, or a {@link ProxyException} naming every problem in it: these rules' against the
     * {@code current} routes, then the proxy's {@code own}.
     */
    public static Route check(Route route, Map<String, Route> current, String proxy, Function<Route, List<String>> own) {
        List<String> problems = problems(route, current);
        problems.addAll(own.apply(route));
        if (!problems.isEmpty()) {
            throw refused(route, proxy, problems);
        }
        return route;
    }

    /** The problems these rules find in {@code route}, given the {@code current} routes. */
    static List<String> problems(Route route, Map<String, Route> current) {
        List<String> problems = new ArrayList<>();
        if (!SERVICE.matcher(route.service()).matches()) {
            problems.add("service name \"" + route.service() + "\" should be 1 to 40 lowercase letters, digits and '-',"
                    + " starting with a letter");
        }
        if (!PATH_PREFIX.matcher(route.pathPrefix()).matches()) {
            problems.add("path prefix \"" + route.pathPrefix() + "\" should start with '/' and hold only letters,"
                    + " digits and . _ ~ % / - (like /api/v1/books)");
        }
        route.host().filter(host -> !isDnsName(host)).ifPresent(host ->
                problems.add("host \"" + host + "\" should be a DNS name like books.example.com"));
        for (Backend backend : route.backends()) {
            if (backend.host().isBlank()) {
                problems.add("backend " + backend + " has no host");
            }
            if (backend.port() < 1 || backend.port() > 65535) {
                problems.add("backend " + backend + " should have a port from 1 to 65535");
            }
        }
        current.values().stream()
                .filter(other -> !other.service().equals(route.service()) && samePlace(other, route))
                .forEach(other -> problems.add("service " + other.service() + " is already routed at "
                        + other.host().map(host -> host + " ").orElse("") + other.pathPrefix() + "; unroute it first"));
        return problems;
    }

    /** Whether {@code text} is a DNS name, in any case (an IPv4 address is one too). */
    public static boolean isDnsName(String text) {
        return DNS_NAME.matcher(text).matches();
    }

    /** The error for a route {@code proxy} refuses because of {@code problems}; nothing was changed. */
    public static ProxyException refused(Route route, String proxy, List<String> problems) {
        return new ProxyException("Cannot route " + route.service() + " through " + proxy + ": "
                + String.join("; ", problems) + ". The previous routing stays.");
    }

    /** Same path prefix and same host (hosts compare in lowercase), or both without a host. */
    private static boolean samePlace(Route a, Route b) {
        return a.pathPrefix().equals(b.pathPrefix())
                && a.host().map(String::toLowerCase).equals(b.host().map(String::toLowerCase));
    }
}
