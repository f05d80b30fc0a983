package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.BothStores;
import dev.gantry.it.ApiClient.Event;
import dev.gantry.it.GantryCli.Result;
import dev.gantry.it.GantryCli.Running;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gantry server} as a subprocess on a port of its own, driven through its REST API with a token
 * from {@code gantry token create}: auth on every route but /healthz, a deploy followed live over SSE,
 * a rollback, the queue's order and parallelism read back from the stored stage times, metrics, and a
 * server killed with SIGKILL in the middle of a deploy whose run the next start recovers.
 */
@BothStores
class ServerIT {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @RegisterExtension
    final Sandbox second = new Sandbox();


    @Test
    void everyRouteButHealthzNeedsAValidToken() {
        String token = sandbox.cli().ok("token", "create", "ci").stdout().strip();
        sandbox.cli().ok("service", "add", sandbox.service());
        Running server = start(sandbox.cli());
        ApiClient api = client(server, token);

        assertThat(api.withToken(null).get("/healthz").statusCode()).isEqualTo(200);
        JsonNode doc = api.json("/api/v1/openapi.json");
        List<String> refused = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String concrete = path.getKey().replace("{service}", sandbox.service()).replace("{run}", "1")
                    .replace("{id}", "q1");
            for (String bad : new String[] {null, token + "x", "gty_not-a-token"}) {
                HttpResponse<String> answer = api.withToken(bad).send(op.getKey().toUpperCase(), concrete,
                        op.getKey().equals("post") ? "{\"image\": \"x\"}" : null);
                if (answer.statusCode() == 401
                        && answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")) {
                    refused.add(op.getKey() + " " + path.getKey());
                }
            }
        }));
        long operations = doc.get("paths").properties().stream().mapToLong(p -> p.getValue().size()).sum();
        assertThat(refused).as("every operation but /healthz, three times each").hasSize((int) (operations - 1) * 3)
                .doesNotContain("get /healthz");
        assertThat(api.get("/api/v1/services").statusCode()).isEqualTo(200);
        assertThat(api.withToken(null).get("/no/such/path").statusCode()).isEqualTo(401);
        Result list = sandbox.cli().ok("token", "list");
        assertThat(list.stdout()).startsWith("ci ").doesNotContain("last used never").doesNotContain(token);
        assertThat(sandbox.cli().run("token", "create", "ci").exitCode()).isEqualTo(2);

        stop(server);
        assertThat(server.stderr()).contains("GET /healthz 200 ").contains("GET /api/v1/services 401 ")
                .doesNotContain(token.substring(4));
    }

    @Test
    void deploysAndRollsBackThroughTheApiOneAtATimePerServiceAndServicesSideBySide() {
        ServiceRepo repo = sandbox.tiny();
        String first = repo.head();
        sandbox.cli().ok("run", repo.serviceDir().toString());
        repo.write("CHANGES", "second\n");
        String secondRelease = repo.commit("Second release");
        sandbox.cli().ok("run", repo.serviceDir().toString());
        ServiceRepo other = second.tiny();
        other.replace("gantry.yml", "path: /tiny", "path: /" + second.service());
        String otherRelease = other.commit("Its own path");
        sandbox.cli().ok("run", other.serviceDir().toString());
        String token = sandbox.cli().ok("token", "create", "ci").stdout().strip();
        sandbox.cli().ok("service", "add", sandbox.service());
        sandbox.cli().ok("service", "add", second.service());
        Running server = start(sandbox.cli());
        ApiClient api = client(server, token);
        String service = "/api/v1/services/" + sandbox.service();

        JsonNode queued = ApiClient.parse(api.send("POST", service + "/deploy", "{\"image\": \"" + first + "\"}"), 202);
        ApiClient.EventStream log = api.stream(queued.get("log").asText());
        log.done.orTimeout(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS).join();

        List<Event> events = log.events;
        Event end = events.getLast();
        assertThat(end.name()).isEqualTo("end");
        assertThat(end.data().get("succeeded").asBoolean()).as("%s", events).isTrue();
        long deployRun = end.data().get("runId").asLong();
        JsonNode run = api.json("/api/v1/runs/" + deployRun);
        assertThat(run.get("state").asText()).isEqualTo("succeeded");
        assertThat(run.get("kind").asText()).isEqualTo("deploy");
        assertThat(run.get("trigger").asText()).isEqualTo("api (token ci)");
        assertThat(run.get("stages").findValuesAsText("name")).contains("deploy", "switch", "post-integration");
        Instant finished = Instant.parse(run.get("finishedAt").asText());
        assertThat(events).filteredOn(e -> e.name().equals("stage")).first()
                .satisfies(e -> assertThat(e.arrived()).as("the first stage event arrived while the run ran")
                        .isBefore(finished));
        int deployOutput = indexOf(events, e -> e.name().equals("line") && e.data().get("stage").asText().equals("deploy"));
        int deployEnd = indexOf(events, e -> e.name().equals("stage") && e.data().get("stage").asText().equals("deploy")
                && !e.data().get("state").asText().equals("started"));
        assertThat(deployOutput).as("the deploy stage's output streams while it runs: %s", events)
                .isNotNegative().isLessThan(deployEnd);
        assertThat(api.json(service).get("liveRelease").asText()).isEqualTo(first);

        // a scale is refused before it is queued: a body without a number, or beyond run/scale (docs/scaling.md)
        assertThat(ApiClient.parse(api.send("POST", service + "/scale", "{\"replicas\": 0}"), 400).get("error").asText())
                .startsWith("The body should be JSON like {\"replicas\": 3}");
        assertThat(ApiClient.parse(api.send("POST", service + "/scale", "{\"replicas\": 2}"), 400).get("error").asText())
                .startsWith(sandbox.service() + " may run exactly 1 replica (run/scale in the gantry.yml of its live release ");

        JsonNode rollback = ApiClient.parse(api.send("POST", service + "/rollback", null), 202);
        JsonNode rolledBack = awaitEnd(api, rollback);
        assertThat(rolledBack.get("succeeded").asBoolean()).as("%s", rolledBack).isTrue();
        assertThat(api.json(service).get("liveRelease").asText()).isEqualTo(secondRelease);

        JsonNode deployA = ApiClient.parse(api.send("POST", service + "/deploy", "{\"image\": \"" + first + "\"}"), 202);
        JsonNode rollbackA = ApiClient.parse(api.send("POST", service + "/rollback", null), 202);
        JsonNode deployB = ApiClient.parse(api.send("POST", "/api/v1/services/" + second.service() + "/deploy",
                "{\"image\": \"" + otherRelease + "\"}"), 202);
        JsonNode queue = api.json("/api/v1/queue");
        assertThat(queue.get("runs").findValuesAsText("state")).as("%s", queue).contains("queued");
        Span oneFirst = span(api, awaitEnd(api, deployA));
        Span oneThen = span(api, awaitEnd(api, rollbackA));
        Span two = span(api, awaitEnd(api, deployB));
        assertThat(oneThen.start()).as("the second request of a service starts after the first ended")
                .isAfterOrEqualTo(oneFirst.end());
        assertThat(two.start()).as("the other service ran beside the first").isBefore(oneFirst.end());
        assertThat(oneFirst.start()).isBefore(two.end());

        String metrics = api.get("/metrics").body();
        assertThat(metrics)
                .contains("gantry_runs_total{kind=\"deploy\",result=\"succeeded\",service=\"" + sandbox.service() + "\"} 2.0")
                .contains("gantry_runs_total{kind=\"rollback\",result=\"succeeded\",service=\"" + sandbox.service() + "\"} 2.0")
                .contains("gantry_rollbacks_total{reason=\"requested\"} 2.0")
                .contains("gantry_queue_depth 0.0")
                .contains("gantry_runs_total{kind=\"deploy\",result=\"succeeded\",service=\"" + second.service() + "\"} 1.0")
                .contains("gantry_stage_duration_seconds_count{result=\"passed\",stage=\"switch\"} 5\n");
        stop(server);
    }

    @Test
    void aServerKilledInTheMiddleOfADeployHasItsRunRecoveredAtTheNextStart() throws Exception {
        ServiceRepo repo = sandbox.tiny();
        String first = repo.head();
        sandbox.cli().ok("run", repo.serviceDir().toString());
        repo.write("CHANGES", "second\n");
        String live = repo.commit("Second release");
        sandbox.cli().ok("run", repo.serviceDir().toString());
        String token = sandbox.cli().ok("token", "create", "ci").stdout().strip();
        sandbox.cli().ok("service", "add", sandbox.service());
        Running paused = start(sandbox.cli().with("GANTRY_FAILPOINTS", "switch.routed=pause"));
        ApiClient api = client(paused, token);

        JsonNode queued = ApiClient.parse(api.send("POST", "/api/v1/services/" + sandbox.service() + "/deploy",
                "{\"image\": \"" + first + "\"}"), 202);
        paused.awaitStderr("failpoint switch.routed: paused", RUN_LIMIT);
        long runId = api.json("/api/v1/runs/q" + queued.get("queueId").asLong()).get("id").asLong();
        paused.kill();

        Running restarted = start(sandbox.cli());
        api = client(restarted, token);
        JsonNode run = api.json("/api/v1/runs/" + runId);
        assertThat(run.get("state").asText()).as("%s", run).isEqualTo("failed");
        assertThat(run.get("message").asText()).contains("stopped during switch").contains("undid its changes");
        assertThat(restarted.stderr()).contains("recovered run " + runId + " of " + sandbox.service());
        assertThat(api.json("/api/v1/services/" + sandbox.service()).get("liveRelease").asText()).isEqualTo(live);
        assertThat(throughProxy()).startsWith("release=" + live);
        assertThat(api.json("/api/v1/services/" + sandbox.service() + "/lock").get("locked").asBoolean()).isFalse();
        stop(restarted);
    }

    private Running start(GantryCli cli) {
        return sandbox.server(cli);
    }

    /** Stops the server by its pid with SIGTERM, as a service manager would, and checks it ended cleanly. */
    private static void stop(Running server) {
        server.process().destroy();
        Result stopped = server.await(Duration.ofSeconds(90));
        assertThat(stopped.exitCode()).as("%s", stopped).isIn(0, 143);
        assertThat(stopped.stderr()).contains("gantry server stopped");
    }

    private static ApiClient client(Running server, String token) {
        return new ApiClient(server.url(), token);
    }

    private static JsonNode awaitEnd(ApiClient api, JsonNode queued) {
        String path = "/api/v1/runs/q" + queued.get("queueId").asLong();
        await().atMost(RUN_LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> List.of("done", "superseded", "cancelled").contains(api.json(path).get("queue").get("state").asText()));
        return api.json(path).get("queue");
    }

    /** When a run's first stage started and its last stage ended, as stored. */
    private record Span(Instant start, Instant end) {
    }

    private static Span span(ApiClient api, JsonNode queued) {
        assertThat(queued.get("succeeded").asBoolean()).as("the queued request ran and succeeded: %s", queued).isTrue();
        JsonNode stages = api.json("/api/v1/runs/" + queued.get("runId").asLong()).get("stages");
        return new Span(Instant.parse(stages.get(0).get("startedAt").asText()),
                Instant.parse(stages.get(stages.size() - 1).get("finishedAt").asText()));
    }

    private String throughProxy() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.proxyUrl() + "/tiny")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }


    private static int indexOf(List<Event> events, Predicate<Event> which) {
        for (int i = 0; i < events.size(); i++) {
            if (which.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
