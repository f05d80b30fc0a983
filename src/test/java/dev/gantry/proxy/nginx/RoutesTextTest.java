package dev.gantry.proxy.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutesTextTest {

    @Test
    void oneLinePerServiceInServiceOrderWithStarForAnyHost() {
        var shop = new Route("shop", "/", Optional.of("Shop.Example.com"), List.of(new Backend("127.0.0.1", 32800)));
        var books = new Route("books-ms", "/api/v1/books", Optional.empty(),
                List.of(new Backend("127.0.0.1", 32771), new Backend("10.0.0.7", 32772)));

        assertThat(RoutesText.render(Map.of("shop", shop, "books-ms", books))).isEqualTo("""
                # Rendered by Gantry from ../routes.json; do not edit. docs/proxy-nginx.md
                books-ms * /api/v1/books 127.0.0.1:32771 10.0.0.7:32772
                shop shop.example.com / 127.0.0.1:32800
                """);
    }

    @Test
    void noRoutesIsTheHeaderOnly() {
        assertThat(RoutesText.render(Map.of())).isEqualTo(RoutesText.HEADER);
    }
}
