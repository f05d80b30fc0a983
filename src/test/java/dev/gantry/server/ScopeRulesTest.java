package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every route the server registers, with each scope: allowed, or refused with 403. */
class ScopeRulesTest {
    /** The scope each route needs, written out by hand: a new route fails the test until it is placed here. */
    private static final Map<String, Scope> NEEDED = Map.ofEntries(
            Map.entry("GET /healthz", Scope.READ),
            Map.entry("GET /metrics", Scope.READ),
            Map.entry("GET /api/v1/openapi.json", Scope.READ),
            Map.entry("GET /api/v1/services", Scope.READ),
            Map.entry("GET /api/v1/services/{service}", Scope.READ),
            Map.entry("GET /api/v1/services/{service}/runs", Scope.READ),
            Map.entry("GET /api/v1/services/{service}/logs", Scope.READ),
            Map.entry("POST /api/v1/services/{service}/deploy", Scope.DEPLOY),
            Map.entry("POST /api/v1/services/{service}/rollback", Scope.DEPLOY),
            Map.entry("POST /api/v1/services/{service}/scale", Scope.DEPLOY),
            Map.entry("GET /api/v1/services/{service}/lock", Scope.READ),
            Map.entry("DELETE /api/v1/services/{service}/lock", Scope.ADMIN),
            Map.entry("GET /api/v1/runs/{run}", Scope.READ),
            Map.entry("GET /api/v1/runs/{run}/log", Scope.READ),
            Map.entry("GET /api/v1/queue", Scope.READ),
            Map.entry("DELETE /api/v1/queue/{id}", Scope.DEPLOY),
            Map.entry("POST /hooks/alertmanager", Scope.DEPLOY));

    @Test
    void everyRegisteredRouteIsInTheTable() {
        var server = new ApiServer(null, new ApiRoutes(null, null, null, "127.0.0.1:5000", null, new StreamSlots(1), service -> null).routes(),
                new RunMetrics(), List.of(), new PrintStream(OutputStream.nullOutputStream()));

        assertThat(server.registered().stream().filter(r -> !r.startsWith("BEFORE")).toList())
                .containsExactlyInAnyOrderElementsOf(NEEDED.keySet());
    }

    @Test
    void eachRouteWithEachScopeIsAllowedOrRefusedAsTheTableSays() {
        List<String> outcomes = new ArrayList<>();
        NEEDED.forEach((route, needed) -> {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{service}", "books").replace("{run}", "q7")
                    .replace("{id}", "q7");
            assertThat(ScopeRules.needed(method, path)).as(route).isEqualTo(needed);
            for (Scope scope : Scope.values()) {
                outcomes.add(route + " " + scope.word() + " " + (scope.allows(ScopeRules.needed(method, path))
                        ? "allowed" : "403"));
            }
        });

        assertThat(outcomes).contains(
                "GET /api/v1/services read allowed",
                "GET /api/v1/runs/{run}/log read allowed",
                "POST /api/v1/services/{service}/deploy read 403",
                "POST /api/v1/services/{service}/deploy deploy allowed",
                "POST /api/v1/services/{service}/rollback read 403",
                "POST /api/v1/services/{service}/rollback admin allowed",
                "POST /api/v1/services/{service}/scale read 403",
                "POST /api/v1/services/{service}/scale deploy allowed",
                "DELETE /api/v1/services/{service}/lock read 403",
                "DELETE /api/v1/services/{service}/lock deploy 403",
                "DELETE /api/v1/services/{service}/lock admin allowed",
                "DELETE /api/v1/queue/{id} read 403",
                "DELETE /api/v1/queue/{id} deploy allowed");
        assertThat(outcomes.stream().filter(o -> o.endsWith("403"))).as("read: 6 changes; deploy: the lock").hasSize(7);
    }

    @Test
    void aChangeOnARouteNotListedNeedsAdmin() {
        assertThat(ScopeRules.needed("POST", "/api/v1/services")).isEqualTo(Scope.ADMIN);
        assertThat(ScopeRules.needed("PUT", "/api/v1/services/books/deploy")).isEqualTo(Scope.ADMIN);
        assertThat(ScopeRules.needed("POST", "/api/v1/services/books/deploy/extra")).isEqualTo(Scope.ADMIN);
        assertThat(ScopeRules.needed("DELETE", "/api/v1/tokens/ci")).isEqualTo(Scope.ADMIN);
        assertThat(ScopeRules.needed("DELETE", "/api/v1/queue/q7/extra")).isEqualTo(Scope.ADMIN);
        assertThat(ScopeRules.needed("POST", "/api/v1/queue/q7")).isEqualTo(Scope.ADMIN);
    }

    @Test
    void theRefusalNamesTheScopeNeededAndTheOneHeld() {
        var caller = new ApiTokens.Caller("viewer", Scope.READ, "0".repeat(64));

        assertThat(ScopeRules.refusal(caller, Scope.DEPLOY, "POST /api/v1/services/books/deploy"))
                .isEqualTo("POST /api/v1/services/books/deploy needs a token of scope deploy (or higher); the token"
                        + " viewer has scope read. Create one with `gantry token create NAME --scope deploy`.");
    }

    @Test
    void scopesAreReadDeployAdminAndAnUnknownWordIsRefused() {
        assertThat(Scope.of("admin")).contains(Scope.ADMIN);
        assertThat(Scope.DEFAULT).isEqualTo(Scope.DEPLOY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scope.parse("root"))
                .isInstanceOf(ServerInputException.class).hasMessageStartingWith("--scope should be read, deploy or"
                        + " admin, was \"root\"");
    }
}
