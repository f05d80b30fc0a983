package dev.gantry.proxy.external;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Routes of three services: two by path for any host, one by host at the root. */
final class FragmentsFixture {
    private FragmentsFixture() {
    }

    static Map<String, Route> routes() {
        Map<String, Route> routes = new TreeMap<>();
        routes.put("books", new Route("books", "/api/v1/books", Optional.empty(),
                List.of(new Backend("127.0.0.1", 32771), new Backend("127.0.0.1", 32772))));
        routes.put("api", new Route("api", "/api", Optional.empty(), List.of(new Backend("10.0.0.7", 8080))));
        routes.put("shop", new Route("shop", "/", Optional.of("Shop.Example.com"), List.of(new Backend("shop-1.internal", 80))));
        return routes;
    }
}
