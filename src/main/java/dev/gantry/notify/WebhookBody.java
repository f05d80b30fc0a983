package dev.gantry.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Gantry's own JSON body for a webhook, version 1; docs/notifications.md shows it field by field. */
final class WebhookBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookBody() {
    }

    static String of(Notification n) {
        ObjectNode body = JSON.createObjectNode()
                .put("version", 1)
                .put("event", n.event().word())
                .put("summary", n.summary())
                .put("service", n.service())
                .put("run", n.runId())
                .put("kind", n.kind())
                .put("release", n.release())
                .put("title", n.title());
        put(body, "image", n.image());
        put(body, "colour", n.colour());
        put(body, "failed_stage", n.failedStage());
        put(body, "message", n.message());
        body.put("production", n.production().word())
                .put("duration_ms", n.duration().toMillis())
                .put("host", n.host())
                .put("trigger", n.trigger())
                .put("finished_at", n.finishedAt().toString());
        return body.toString();
    }

    /** A field that may be absent is there all the same, as null: every body has the same keys. */
    private static void put(ObjectNode body, String key, Optional<String> value) {
        value.ifPresentOrElse(v -> body.put(key, v), () -> body.putNull(key));
    }
}
