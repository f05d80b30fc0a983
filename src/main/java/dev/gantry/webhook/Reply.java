package dev.gantry.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** What the endpoint answers a forge: a status and a body, plain text for refusals, JSON otherwise. */
record Reply(int status, String contentType, String body) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A refusal (or notice) as one line of text. */
    static Reply text(int status, String message) {
        return new Reply(status, "text/plain", message + "\n");
    }

    /** {@code json} as the body. */
    static Reply json(int status, Map<String, Object> json) {
        try {
            return new Reply(status, "application/json", MAPPER.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook answer as JSON", e);
        }
    }
}
