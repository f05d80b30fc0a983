package dev.gantry.proxy.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RouteCheckTest {

    @Test
    void resolvesBackendHostsToAddresses() {
        Route route = new Route("books", "/api/books", Optional.of("books.example.com"),
                List.of(new Backend("localhost", 32001), new Backend("127.0.0.2", 32002)));

        assertThat(RouteCheck.resolved(route, Map.of()).backends()).extracting(Backend::host)
                .allSatisfy(host -> assertThat(host).matches("[0-9.:a-f]+"))
                .element(1).isEqualTo("127.0.0.2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Books  | /books   |                   | 127.0.0.1       | 9000  | the service name should be
            books  | books    |                   | 127.0.0.1       | 9000  | the path prefix 'books' should start with '/'
            books  | /a;b     |                   | 127.0.0.1       | 9000  | the path prefix '/a;b' should start
            books  | /books   | bad host          | 127.0.0.1       | 9000  | the host 'bad host' is not a DNS name
            books  | /books   |                   | 127.0.0.1       | 0     | backend 127.0.0.1:0 has no usable port
            books  | /books   |                   | no-such-host.invalid | 9000 | backend host 'no-such-host.invalid' does not resolve
            books  | /taken   |                   | 127.0.0.1       | 9000  | service other is already routed at /taken
            """)
    void refusesWhatHaproxyCouldNotApply(String service, String path, String host, String backendHost, int port,
            String why) {
        Route route = new Route(service, path, Optional.ofNullable(host), List.of(new Backend(backendHost, port)));
        Map<String, Route> others = Map.of("other", new Route("other", "/taken", Optional.empty(),
                List.of(new Backend("127.0.0.1", 9001))));

        assertThatThrownBy(() -> RouteCheck.resolved(route, others)).isInstanceOf(ProxyException.class)
                .hasMessageStartingWith("HAProxy refused the route of " + service)
                .hasMessageContaining(why).hasMessageEndingWith("The previous routing stays.");
    }
}
