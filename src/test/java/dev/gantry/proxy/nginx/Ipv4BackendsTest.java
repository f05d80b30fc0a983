package dev.gantry.proxy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.Route;
import dev.gantry.proxy.RouteRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Ipv4BackendsTest {

    @Test
    void aBackendNamedByHostIsRefusedBecauseTheBalancerResolvesNoNames() {
        assertThat(Ipv4Backends.problems(route(new Backend("books-blue-1", 8080)))).containsExactly(
                "backend books-blue-1:8080 should be an IPv4 address (nginx's balancer connects to addresses, not names)");
        assertThat(Ipv4Backends.problems(route(new Backend("127.0.0.256", 8080)))).containsExactly(
                "backend 127.0.0.256:8080 should be an IPv4 address (nginx's balancer connects to addresses, not names)");
        assertThat(Ipv4Backends.problems(route(new Backend("127.0.0.1", 32771), new Backend("10.1.2.3", 65535)))).isEmpty();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        var route = new Route("books", "books", Optional.of("-bad-"), List.of(new Backend("localhost", 80)));

        assertThatThrownBy(() -> RouteRules.check(route, Map.of(), "nginx", Ipv4Backends::problems))
                .isInstanceOf(ProxyException.class)
                .hasMessageStartingWith("Cannot route books through nginx: path prefix \"books\"")
                .hasMessageContaining("; host \"-bad-\" should be a DNS name")
                .hasMessageContaining("; backend localhost:80 should be an IPv4 address");
    }

    private static Route route(Backend... backends) {
        return new Route("books", "/", Optional.empty(), List.of(backends));
    }
}
