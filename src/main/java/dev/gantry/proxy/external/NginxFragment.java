package dev.gantry.proxy.external;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The file Gantry writes for the user's nginx, included in its {@code http {}} block: an upstream per
 * service and a server on the proxy port. A request goes to the longest prefix among its Host's
 * routes and the routes for any host, as nginx's own {@code location} matching does
 * (https://nginx.org/en/docs/http/ngx_http_core_module.html#location).
 */
final class NginxFragment {
    static final String NO_ROUTE = "No service is routed for this host and path.";

    private NginxFragment() {
    }

    static String render(Map<String, Route> routes, int port) {
        StringBuilder text = new StringBuilder(Fragments.HEADER);
        routes.values().forEach(route -> upstream(text, route));
        server(text, port, "", routes);
        new TreeSet<>(routes.values().stream().map(RouteOrder::host).filter(host -> !host.isEmpty()).toList())
                .forEach(host -> server(text, port, host, routes));
        return text.toString();
    }

    private static void upstream(StringBuilder text, Route route) {
        text.append("\nupstream gantry_").append(route.service()).append(" {\n");
        for (Backend backend : route.backends()) {
            text.append("    server ").append(backend).append(";\n");
        }
        text.append("    keepalive 16;\n}\n");
    }

    /** The server for {@code host} (empty: the default server for any other host) with every route it serves. */
    private static void server(StringBuilder text, int port, String host, Map<String, Route> routes) {
        text.append("\nserver {\n    listen ").append(port).append(host.isEmpty() ? " default_server;\n" : ";\n");
        if (!host.isEmpty()) {
            text.append("    server_name ").append(host).append(";\n");
        }
        List<Route> served = Fragments.servedFor(host, routes);
        served.forEach(route -> location(text, route));
        if (served.stream().noneMatch(route -> route.pathPrefix().equals("/"))) {
            text.append("\n    location / {\n        default_type text/plain;\n        return 404 \"")
                    .append(NO_ROUTE).append("\\n\";\n    }\n");
        }
        text.append("}\n");
    }

    private static void location(StringBuilder text, Route route) {
        text.append("\n    location ").append(route.pathPrefix()).append(" {\n")
                .append("        proxy_pass http://gantry_").append(route.service()).append(";\n")
                .append("        proxy_http_version 1.1;\n")
                .append("        proxy_set_header Connection \"\";\n")
                .append("        proxy_set_header Host $host;\n")
                // set, never passed on from the client ("" removes a client's Forwarded)
                .append("        proxy_set_header X-Forwarded-For $remote_addr;\n")
                .append("        proxy_set_header X-Forwarded-Proto $scheme;\n")
                .append("        proxy_set_header Forwarded \"\";\n")
                .append("        proxy_next_upstream error timeout;\n")
                .append("    }\n");
    }
}
