package dev.gantry.proxy.nginx;

import dev.gantry.proxy.Route;
import java.util.List;
import java.util.regex.Pattern;

/** nginx's own rule for backends: IPv4 addresses, since the Lua balancer connects to addresses and resolves no names. */
final class Ipv4Backends {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private Ipv4Backends() {
    }

    /** A problem for each backend of {@code route} whose host is not an IPv4 address. */
    static List<String> problems(Route route) {
        return route.backends().stream().filter(backend -> !IPV4.matcher(backend.host()).matches())
                .map(backend -> "backend " + backend + " should be an IPv4 address (nginx's balancer connects to"
                        + " addresses, not names)")
                .toList();
    }
}
