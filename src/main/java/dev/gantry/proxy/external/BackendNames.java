package dev.gantry.proxy.external;

import dev.gantry.proxy.Route;
import dev.gantry.proxy.RouteRules;
import java.util.List;

/** The external proxy's own rule for backends: a DNS name or an IPv4 address, since it goes into the fragment unquoted. */
final class BackendNames {
    private BackendNames() {
    }

    /** A problem for each backend of {@code route} whose host is neither. */
    static List<String> problems(Route route) {
        return route.backends().stream().filter(backend -> !RouteRules.isDnsName(backend.host()))
                .map(backend -> "backend " + backend + " should be an IPv4 address or a DNS name").toList();
    }
}
