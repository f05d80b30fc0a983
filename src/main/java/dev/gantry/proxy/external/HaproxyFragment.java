package dev.gantry.proxy.external;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Map;

/**
 * The file Gantry writes for the user's HAProxy, loaded as an extra {@code -f}: a frontend on the
 * proxy port and a backend per service. {@code use_backend} rules are tried in order, so they are
 * written longest prefix first, a host's route before a route for any host at the same prefix; the
 * same choice as the nginx fragment. Keywords: HAProxy 2.6 configuration manual.
 */
final class HaproxyFragment {

    private HaproxyFragment() {
    }

    static String render(Map<String, Route> routes, int port) {
        StringBuilder text = new StringBuilder(Fragments.HEADER);
        text.append("\nfrontend gantry\n")
                .append("    mode http\n")
                .append("    bind :").append(port).append('\n')
                .append("    option forwardfor\n")
                // set here, never passed on from the client: option forwardfor then adds the client's address alone
                .append("    http-request del-header X-Forwarded-For\n")
                .append("    http-request del-header Forwarded\n")
                .append("    http-request set-header X-Forwarded-Proto https if { ssl_fc }\n")
                .append("    http-request set-header X-Forwarded-Proto http if !{ ssl_fc }\n");
        List<Route> ordered = RouteOrder.sorted(routes.values());
        for (Route route : ordered) {
            text.append("    use_backend gantry_").append(route.service()).append(" if");
            route.host().ifPresent(host -> text.append(" { hdr(host),field(1,:) -i ").append(host.toLowerCase()).append(" }"));
            text.append(" { path_beg ").append(route.pathPrefix()).append(" }\n");
        }
        text.append("    default_backend gantry_no_route\n");
        routes.values().forEach(route -> backend(text, route));
        text.append("\nbackend gantry_no_route\n")
                .append("    mode http\n")
                .append("    http-request return status 404 content-type text/plain string \"")
                .append(NginxFragment.NO_ROUTE).append("\"\n");
        return text.toString();
    }

    private static void backend(StringBuilder text, Route route) {
        text.append("\nbackend gantry_").append(route.service()).append('\n')
                .append("    mode http\n")
                .append("    balance roundrobin\n");
        List<Backend> backends = route.backends();
        for (int i = 0; i < backends.size(); i++) {
            text.append("    server ").append(route.service()).append('-').append(i + 1).append(' ')
                    .append(backends.get(i)).append('\n');
        }
    }
}
