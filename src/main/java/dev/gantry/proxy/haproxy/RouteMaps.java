package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.Route;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The two map files the frontend routes by: {@code routes.map} (path prefix → backend) and
 * {@code hosts.map} (host + path prefix → backend). HAProxy's {@code map_beg} returns the first
 * matching entry in file order, not the longest one, so entries are kept longest key first.
 */
record RouteMaps(List<Entry> paths, List<Entry> hosts) {

    /** One line of a map file. */
    record Entry(String key, String backend) {
    }

    private static final Comparator<Entry> LONGEST_FIRST =
            Comparator.comparingInt((Entry e) -> e.key().length()).reversed().thenComparing(Entry::key);

    RouteMaps {
        paths = paths.stream().sorted(LONGEST_FIRST).toList();
        hosts = hosts.stream().sorted(LONGEST_FIRST).toList();
    }

    static RouteMaps of(Map<String, Route> routes, Pools pools) {
        return new RouteMaps(entries(routes, pools, r -> r.host().isEmpty()), entries(routes, pools, r -> r.host().isPresent()));
    }

    private static List<Entry> entries(Map<String, Route> routes, Pools pools, Predicate<Route> which) {
        return routes.values().stream().filter(which).map(r -> new Entry(key(r), backend(pools, r.service()))).toList();
    }

    /** The key HAProxy compares with: the path prefix, or the host (lowercase) followed by it. */
    static String key(Route route) {
        return route.host().map(String::toLowerCase).orElse("") + route.pathPrefix();
    }

    private static String backend(Pools pools, String service) {
        return pools.of(service).orElseThrow(() -> new IllegalStateException("no backend section for " + service)).name();
    }

    static String text(List<Entry> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach(e -> text.append(e.key()).append(' ').append(e.backend()).append('\n'));
        return text.toString();
    }
}
