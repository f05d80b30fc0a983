package dev.gantry.proxy.external;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Route;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendNamesTest {

    @Test
    void refusesABackendHostThatWouldBeWrittenIntoTheConfigurationUnquoted() {
        Route route = new Route("books", "/books", Optional.empty(),
                List.of(new Backend("127.0.0.1:80;", 80), new Backend("10.0.0.1", 80), new Backend("books.internal", 80)));

        assertThat(BackendNames.problems(route)).containsExactly(
                "backend 127.0.0.1:80;:80 should be an IPv4 address or a DNS name");
    }
}
