package dev.gantry.proxy.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteMapsTest {
    private static final List<Backend> ANY = List.of(new Backend("127.0.0.1", 9000));

    @Test
    void keepsTheLongestPrefixFirstBecauseMapBegTakesTheFirstMatch() {
        Map<String, Route> routes = Map.of(
                "root", new Route("root", "/", Optional.empty(), ANY),
                "api", new Route("api", "/api", Optional.empty(), ANY),
                "books", new Route("books", "/api/books", Optional.empty(), ANY),
                "admin", new Route("admin", "/", Optional.of("Admin.Example.com"), ANY),
                "reports", new Route("reports", "/reports", Optional.of("admin.example.com"), ANY));
        Pools pools = Pools.initial().occupy("root").occupy("api").occupy("books").occupy("admin").occupy("reports");

        RouteMaps maps = RouteMaps.of(routes, pools);

        assertThat(RouteMaps.text(maps.paths())).isEqualTo("/api/books be_3\n/api be_2\n/ be_1\n");
        assertThat(RouteMaps.text(maps.hosts())).isEqualTo("admin.example.com/reports be_5\nadmin.example.com/ be_4\n");
    }
}
