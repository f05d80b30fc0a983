package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document and the routes the server registers name the same operations. */
class OpenApiRoutesTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedOneRegistered() {
        var server = new ApiServer(null, new ApiRoutes(null, null, null, "127.0.0.1:5000", null, new StreamSlots(1), service -> null).routes(), new RunMetrics(), List.of(),
                new PrintStream(OutputStream.nullOutputStream()));

        List<String> registered = server.registered().stream().filter(r -> !r.startsWith("BEFORE")).toList();

        assertThat(registered).hasSize(17).containsExactlyInAnyOrderElementsOf(documented());
    }

    @Test
    void onlyTheHealthEndpointIsOpen() {
        JsonNode doc = Json.read(ApiServer.openApi()).orElseThrow();

        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.at("/security/0/bearer").isArray()).isTrue();
        List<String> open = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode security = op.getValue().get("security");
            if (security != null && security.isEmpty()) {
                open.add(path.getKey());
            } else {
                assertThat(op.getValue().at("/responses/401").isMissingNode()).as(path.getKey()).isFalse();
            }
        }));
        assertThat(open).containsExactly("/healthz");
    }

    private static List<String> documented() {
        JsonNode doc = Json.read(ApiServer.openApi()).orElseThrow();
        List<String> operations = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.add(op.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }
}
