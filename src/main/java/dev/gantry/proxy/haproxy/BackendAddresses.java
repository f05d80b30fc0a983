package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import dev.gantry.proxy.RouteRules;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HAProxy's own rule for backends: their hosts become IP addresses, because the runtime API's
 * {@code set server addr} takes addresses only.
 */
final class BackendAddresses {
    private BackendAddresses() {
    }

    /** The backend hosts of {@code route} that do not resolve, as problems for {@link RouteRules#check}. */
    static List<String> unresolved(Route route) {
        return route.backends().stream().filter(backend -> address(backend).isEmpty())
                .map(backend -> "backend host '" + backend.host() + "' does not resolve to an address").toList();
    }

    /** The route with every backend host as an IP address. */
    static Route resolved(Route route) {
        List<Backend> addresses = new ArrayList<>();
        for (Backend backend : route.backends()) {
            String address = address(backend).orElseThrow(() -> RouteRules.refused(route, "HAProxy", unresolved(route)));
            addresses.add(new Backend(address, backend.port()));
        }
        return route.withBackends(addresses);
    }

    private static Optional<String> address(Backend backend) {
        if (backend.host().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(backend.host()).getHostAddress());
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }
}
