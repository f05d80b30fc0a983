package dev.gantry.proxy.nginx;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What nginx can route: the rules of gantry.yml for names and paths (DESIGN.md), and backends given
 * as IPv4 addresses, since the Lua balancer connects to addresses and resolves no names.
 */
final class RouteRules {
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern PATH_PREFIX = Pattern.compile("/[A-Za-z0-9._~%/-]{0,1023}");
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern DNS_NAME = Pattern.compile("(?i)" + LABEL + "(?:\\." + LABEL + ")*");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private RouteRules() {
    }

    /** The route, or a {@link ProxyException} naming every problem in it. */
    static Route check(Route route) {
        List<String> problems = problems(route);
        if (!problems.isEmpty()) {
            throw new ProxyException("Cannot route " + route.service() + " through nginx: " + String.join("; ", problems)
                    + ". The previous routes stay.");
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
        route.host().filter(host -> host.length() > 253 || !DNS_NAME.matcher(host).matches()).ifPresent(host ->
                problems.add("host \"" + host + "\" should be a DNS name like books.example.com"));
        for (Backend backend : route.backends()) {
            if (!IPV4.matcher(backend.host()).matches() || backend.port() < 1 || backend.port() > 65535) {
                problems.add("backend " + backend + " should be an IPv4 address and a port from 1 to 65535"
                        + " (nginx's balancer connects to addresses, not names)");
            }
        }
        return problems;
    }
}
