package dev.gantry.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteRulesTest {
    private static final List<Backend> LOCAL = List.of(new Backend("127.0.0.1", 32771));
    private static final Map<String, Route> OTHERS = Map.of("other", new Route("other", "/taken", Optional.empty(),
            List.of(new Backend("127.0.0.1", 9001))));

    static Stream<Arguments> invalidRoutes() {
        return Stream.of(
                Arguments.of(new Route("Books MS", "/", Optional.empty(), LOCAL),
                        "service name \"Books MS\" should be 1 to 40 lowercase letters, digits and '-', starting with a letter"),
                Arguments.of(new Route("Books", "/books", Optional.empty(), LOCAL), "service name \"Books\" should be"),
                Arguments.of(new Route("books", "api/books", Optional.empty(), LOCAL),
                        "path prefix \"api/books\" should start with '/' and hold only letters, digits and . _ ~ % / -"
                                + " (like /api/v1/books)"),
                Arguments.of(new Route("books", "/api books", Optional.empty(), LOCAL),
                        "path prefix \"/api books\" should start with '/'"),
                Arguments.of(new Route("books", "/a;b", Optional.empty(), LOCAL), "path prefix \"/a;b\" should start"),
                Arguments.of(new Route("books", "/", Optional.of("books_example.com"), LOCAL),
                        "host \"books_example.com\" should be a DNS name like books.example.com"),
                Arguments.of(new Route("books", "/", Optional.of("*"), LOCAL), "host \"*\" should be a DNS name"),
                Arguments.of(new Route("books", "/", Optional.of("bad host"), LOCAL), "host \"bad host\" should be a DNS name"),
                Arguments.of(new Route("books", "/", Optional.of("a".repeat(254)), LOCAL), "should be a DNS name"),
                Arguments.of(new Route("books", "/", Optional.empty(), List.of(new Backend("127.0.0.1", 0))),
                        "backend 127.0.0.1:0 should have a port from 1 to 65535"),
                Arguments.of(new Route("books", "/", Optional.empty(), List.of(new Backend("127.0.0.1", 65536))),
                        "backend 127.0.0.1:65536 should have a port from 1 to 65535"),
                Arguments.of(new Route("books", "/", Optional.empty(), List.of(new Backend(" ", 80))),
                        "backend  :80 has no host"),
                Arguments.of(new Route("books", "/taken", Optional.empty(), LOCAL),
                        "service other is already routed at /taken; unroute it first"));
    }

    @ParameterizedTest
    @MethodSource("invalidRoutes")
    void anInvalidRouteIsRefusedWithWhatIsWrong(Route route, String problem) {
        assertThatThrownBy(() -> RouteRules.check(route, OTHERS, "nginx", r -> List.of()))
                .isInstanceOf(ProxyException.class)
                .hasMessageStartingWith("Cannot route " + route.service() + " through nginx: ")
                .hasMessageContaining(problem)
                .hasMessageEndingWith(". The previous routing stays.");
    }

    @Test
    void everyProblemIsNamedAtOnceTheProxysOwnLast() {
        Route route = new Route("Books", "/books; return 200", Optional.of("books.example.com { }"),
                List.of(new Backend("10.0.0.1", 0)));

        assertThatThrownBy(() -> RouteRules.check(route, Map.of(), "HAProxy", r -> List.of("its own problem")))
                .isInstanceOf(ProxyException.class)
                .hasMessage("Cannot route Books through HAProxy: "
                        + "service name \"Books\" should be 1 to 40 lowercase letters, digits and '-', starting with a letter; "
                        + "path prefix \"/books; return 200\" should start with '/' and hold only letters, digits and"
                        + " . _ ~ % / - (like /api/v1/books); "
                        + "host \"books.example.com { }\" should be a DNS name like books.example.com; "
                        + "backend 10.0.0.1:0 should have a port from 1 to 65535; "
                        + "its own problem. The previous routing stays.");
    }

    @Test
    void refusesTheHostAndPrefixOfAnotherServiceButNotItsOwn() {
        Route books = new Route("books", "/books", Optional.of("Example.com"), List.of(new Backend("10.0.0.1", 80)));
        Route other = new Route("other", "/books", Optional.of("example.com"), List.of(new Backend("10.0.0.2", 80)));
        Route anyHost = new Route("other", "/books", Optional.empty(), List.of(new Backend("10.0.0.2", 80)));

        assertThat(RouteRules.check(books, Map.of("books", books), "the external nginx", r -> List.of())).isEqualTo(books);
        assertThat(RouteRules.check(anyHost, Map.of("books", books), "the external nginx", r -> List.of())).isEqualTo(anyHost);
        assertThatThrownBy(() -> RouteRules.check(other, Map.of("books", books), "the external nginx", r -> List.of()))
                .isInstanceOf(ProxyException.class)
                .hasMessage("Cannot route other through the external nginx: service books is already routed at"
                        + " Example.com /books; unroute it first. The previous routing stays.");
    }

    @Test
    void aValidRouteIsAccepted() {
        var route = new Route("books-ms", "/api/v1/books", Optional.of("Books.Example.com"),
                List.of(new Backend("127.0.0.1", 32771), new Backend("10.1.2.3", 65535)));

        assertThat(RouteRules.check(route, OTHERS, "nginx", r -> List.of())).isSameAs(route);
        assertThat(RouteRules.check(new Route("shop", "/", Optional.empty(), LOCAL), OTHERS, "nginx", r -> List.of()))
                .isNotNull();
    }

    @Test
    void dnsNamesIncludeIpv4AddressesInAnyCase() {
        assertThat(RouteRules.isDnsName("Books.Example.com")).isTrue();
        assertThat(RouteRules.isDnsName("10.0.0.1")).isTrue();
        assertThat(RouteRules.isDnsName("127.0.0.1:80;")).isFalse();
        assertThat(RouteRules.isDnsName("-bad-")).isFalse();
    }
}
