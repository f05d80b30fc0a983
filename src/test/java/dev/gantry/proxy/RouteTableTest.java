package dev.gantry.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteTableTest {
    @TempDir
    Path dir;

    @Test
    void routesSurviveAWriteAndARead() {
        var table = new RouteTable(dir.resolve("proxy/routes.json"));
        var books = new Route("books-ms", "/api/v1/books", Optional.empty(),
                List.of(new Backend("127.0.0.1", 32771), new Backend("127.0.0.1", 32772)));
        var shop = new Route("shop", "/", Optional.of("shop.example.com"), List.of(new Backend("127.0.0.1", 32800)));

        table.write(Map.of("shop", shop, "books-ms", books));

        assertThat(table.read()).containsExactly(Map.entry("books-ms", books), Map.entry("shop", shop));
        assertThat(new RouteTable(dir.resolve("proxy/routes.json")).read()).hasSize(2);
    }

    @Test
    void noFileMeansNoRoutes() {
        assertThat(new RouteTable(dir.resolve("routes.json")).read()).isEmpty();
    }

    @Test
    void aDamagedFileIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("routes.json"), "{ not json");
        assertThatThrownBy(() -> new RouteTable(file).read())
                .isInstanceOf(ProxyUnavailableException.class)
                .hasMessageContaining("Reading the proxy's routes from " + file)
                .hasMessageContaining("Fix or delete the file");
    }
}
