package dev.gantry.proxy.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteCheckTest {

    @Test
    void refusesWhatWouldBeWrittenIntoTheConfigurationUnquoted() {
        Route route = new Route("Books", "/books; return 200", Optional.of("books.example.com { }"),
                List.of(new Backend("127.0.0.1:80;", 80), new Backend("10.0.0.1", 0)));

        assertThat(RouteCheck.problems(route)).containsExactly(
                "service name \"Books\" should be 1 to 40 lowercase letters, digits and '-', starting with a letter",
                "path prefix \"/books; return 200\" should start with '/' and hold only letters, digits and . _ ~ % / -"
                        + " (like /api/v1/books)",
                "host \"books.example.com { }\" should be a DNS name like books.example.com",
                "backend 127.0.0.1:80;:80 should be an IPv4 address or a DNS name and a port from 1 to 65535",
                "backend 10.0.0.1:0 should be an IPv4 address or a DNS name and a port from 1 to 65535");
    }

    @Test
    void refusesTheHostAndPrefixOfAnotherServiceButNotItsOwn() {
        Route books = new Route("books", "/books", Optional.of("Example.com"), List.of(new Backend("10.0.0.1", 80)));
        Route other = new Route("other", "/books", Optional.of("example.com"), List.of(new Backend("10.0.0.2", 80)));

        assertThat(RouteCheck.check(books, Map.of("books", books), "nginx")).isEqualTo(books);
        assertThatThrownBy(() -> RouteCheck.check(other, Map.of("books", books), "nginx"))
                .isInstanceOf(ProxyException.class)
                .hasMessage("Cannot route other through the external nginx: service books is already routed at"
                        + " Example.com /books; unroute it first. Nothing was changed.");
    }
}
