package dev.gantry.proxy.nginx;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The route table in the text form gantry.lua reads, one route per line:
 * {@code <service> <host|*> <path-prefix> <ip:port>...}, in service order.
 */
final class RoutesText {
    static final String HEADER = "# Rendered by Gantry from ../routes.json; do not edit. docs/proxy-nginx.md\n";

    private RoutesText() {
    }

    static String render(Map<String, Route> routes) {
        StringBuilder text = new StringBuilder(HEADER);
        new TreeMap<>(routes).values().forEach(route -> text.append(line(route)).append('\n'));
        return text.toString();
    }

    private static String line(Route route) {
        return String.join(" ", route.service(), route.host().map(h -> h.toLowerCase(Locale.ROOT)).orElse("*"),
                route.pathPrefix(),
                route.backends().stream().map(Backend::toString).collect(Collectors.joining(" ")));
    }
}
