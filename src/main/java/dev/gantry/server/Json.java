package dev.gantry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.Printable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.config.MaskedUrl;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.lock.Lease;
import dev.gantry.store.KnownService;
import dev.gantry.store.RunRecord;
import dev.gantry.store.StageRecord;
import dev.gantry.trigger.QueuedRun;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of the API (described in openapi.json): plain maps in a fixed key order, times as
 * ISO-8601 UTC text, absent values as null.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** {@code value} as JSON text. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code text} as a JSON tree; empty if it is not JSON. */
    static Optional<JsonNode> read(String text) {
        try {
            return Optional.ofNullable(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    /** A known service with what is live: {@code live} is its live colour's record, if it has one. */
    static Map<String, Object> service(KnownService service, Optional<Colour> colour, Optional<ColourRecord> live) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", service.name());
        json.put("remote", service.remote().map(MaskedUrl::mask).orElse(null));  // a token in it stays on the server
        json.put("branch", service.branch());
        json.put("addedAt", time(service.addedAt()));
        json.put("liveColour", colour.map(Colour::word).orElse(null));
        json.put("liveRelease", live.map(ColourRecord::release).orElse(null));
        json.put("liveImage", live.map(ColourRecord::image).orElse(null));
        return json;
    }

    /** A stored run; with its stages when {@code withStages}. */
    static Map<String, Object> run(RunRecord run, boolean withStages) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", run.id());
        json.put("kind", run.kind());
        json.put("service", run.service());
        json.put("commit", run.commit());
        json.put("title", Printable.of(run.commitTitle()));
        json.put("trigger", run.trigger());
        json.put("state", run.state().word());
        json.put("failedStage", run.failedStage().orElse(null));
        json.put("message", Printable.of(run.message().orElse(null)));
        json.put("image", run.image().orElse(null));
        json.put("colour", run.colour().orElse(null));
        json.put("startedAt", time(run.startedAt()));
        json.put("finishedAt", run.finishedAt().map(Json::time).orElse(null));
        if (withStages) {
            json.put("stages", run.stages().stream().map(Json::stage).toList());
        }
        return json;
    }

    static Map<String, Object> stage(StageRecord stage) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", stage.name());
        json.put("state", stage.state().word());
        json.put("startedAt", time(stage.startedAt()));
        json.put("finishedAt", stage.finishedAt().map(Json::time).orElse(null));
        json.put("millis", stage.finishedAt().map(end -> end.toEpochMilli() - stage.startedAt().toEpochMilli())
                .orElse(null));
        json.put("message", Printable.of(stage.message().orElse(null)));
        json.put("outputCut", stage.outputCut().orElse(null));
        return json;
    }

    /** A request of the run queue; {@code log} is where its live log is. */
    static Map<String, Object> queued(QueuedRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("queueId", run.id());
        json.put("service", run.request().service());
        json.put("kind", run.request().kind().word());
        json.put("what", run.request().describe());
        json.put("trigger", run.request().trigger());
        json.put("state", run.state().word());
        json.put("succeeded", run.isOver() ? run.succeeded() : null);
        json.put("message", run.message().isEmpty() ? null : run.message());
        json.put("runId", run.runId().orElse(null));
        json.put("queuedAt", time(run.queuedAt()));
        json.put("log", "/api/v1/runs/q" + run.id() + "/log");
        return json;
    }

    static Map<String, Object> lease(Optional<Lease> lease) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("locked", lease.isPresent());
        lease.ifPresent(l -> {
            json.put("service", l.service());
            json.put("owner", l.owner().describe());
            json.put("runId", l.runId() == 0 ? null : l.runId());
            json.put("message", l.message());
            json.put("acquiredAt", time(l.acquiredAt()));
            json.put("expiresAt", time(l.expiresAt()));
        });
        return json;
    }

    static Map<String, Object> list(String key, List<?> items) {
        return Map.of(key, items);
    }

    private static String time(Instant instant) {
        return instant.toString();
    }
}
