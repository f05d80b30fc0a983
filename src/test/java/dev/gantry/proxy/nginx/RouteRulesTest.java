package dev.gantry.proxy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RouteRulesTest {
    private static final List<Backend> LOCAL = List.of(new Backend("127.0.0.1", 32771));

    static Stream<Arguments> invalidRoutes() {
        return Stream.of(
                Arguments.of(new Route("books", "api/books", Optional.empty(), LOCAL),
                        "path prefix \"api/books\" should start with '/' and hold only letters, digits and . _ ~ % / -"
                                + " (like /api/v1/books)"),
                Arguments.of(new Route("books", "/api books", Optional.empty(), LOCAL),
                        "path prefix \"/api books\" should start with '/'"),
                Arguments.of(new Route("books", "/", Optional.of("books_example.com"), LOCAL),
                        "host \"books_example.com\" should be a DNS name like books.example.com"),
                Arguments.of(new Route("books", "/", Optional.of("*"), LOCAL),
                        "host \"*\" should be a DNS name"),
                Arguments.of(new Route("Books MS", "/", Optional.empty(), LOCAL),
                        "service name \"Books MS\" should be 1 to 40 lowercase letters, digits and '-', starting with a letter"),
                Arguments.of(new Route("books", "/", Optional.empty(), List.of(new Backend("books-blue-1", 8080))),
                        "backend books-blue-1:8080 should be an IPv4 address and a port from 1 to 65535"
                                + " (nginx's balancer connects to addresses, not names)"),
                Arguments.of(new Route("books", "/", Optional.empty(), List.of(new Backend("127.0.0.256", 8080))),
                        "backend 127.0.0.256:8080 should be an IPv4 address"),
                Arguments.of(new Route("books", "/", Optional.empty(), List.of(new Backend("127.0.0.1", 0))),
                        "backend 127.0.0.1:0 should be an IPv4 address and a port from 1 to 65535"));
    }

    @ParameterizedTest
    @MethodSource("invalidRoutes")
    void anInvalidRouteIsRefusedWithWhatIsWrong(Route route, String problem) {
        assertThatThrownBy(() -> RouteRules.check(route))
                .isInstanceOf(ProxyException.class)
                .hasMessageStartingWith("Cannot route " + route.service() + " through nginx: ")
                .hasMessageContaining(problem)
                .hasMessageEndingWith(". The previous routes stay.");
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        var route = new Route("books", "books", Optional.of("-bad-"), List.of(new Backend("localhost", 80)));

        assertThat(RouteRules.problems(route)).hasSize(3);
    }

    @Test
    void aValidRouteIsAccepted() {
        var route = new Route("books-ms", "/api/v1/books", Optional.of("Books.Example.com"),
                List.of(new Backend("127.0.0.1", 32771), new Backend("10.1.2.3", 65535)));

        assertThat(RouteRules.check(route)).isSameAs(route);
        assertThat(RouteRules.check(new Route("shop", "/", Optional.empty(), LOCAL))).isNotNull();
    }
}
