package dev.gantry.proxy.haproxy;

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

class BackendAddressesTest {

    @Test
    void resolvesBackendHostsToAddresses() {
        Route route = new Route("books", "/api/books", Optional.of("books.example.com"),
                List.of(new Backend("localhost", 32001), new Backend("127.0.0.2", 32002)));

        assertThat(BackendAddresses.unresolved(route)).isEmpty();
        assertThat(BackendAddresses.resolved(route).backends()).extracting(Backend::host)
                .allSatisfy(host -> assertThat(host).matches("[0-9.:a-f]+"))
                .element(1).isEqualTo("127.0.0.2");
    }

    @Test
    void aHostThatDoesNotResolveIsRefusedAsHaproxyChecksRoutes() {
        Route route = new Route("books", "/books", Optional.empty(), List.of(new Backend("no-such-host.invalid", 9000)));

        assertThatThrownBy(() -> RouteRules.check(route, Map.of(), "HAProxy", BackendAddresses::unresolved))
                .isInstanceOf(ProxyException.class)
                .hasMessage("Cannot route books through HAProxy: backend host 'no-such-host.invalid' does not resolve"
                        + " to an address. The previous routing stays.");
        assertThatThrownBy(() -> BackendAddresses.resolved(route))
                .isInstanceOf(ProxyException.class)
                .hasMessageContaining("backend host 'no-such-host.invalid' does not resolve");
    }
}
