package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The generic webhook's JSON, as a receiver parses it. */
class WebhookBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSucceededRunHasEveryKeyWithNullsForWhatItLacks() throws Exception {
        assertThat(json(WebhookBody.of(Samples.succeeded()))).isEqualTo(json("""
                {"version": 1, "event": "succeeded",
                 "summary": "books-ms: run 7 succeeded; 1a2b3c4d5e6f is live in blue",
                 "service": "books-ms", "run": 7, "kind": "run",
                 "release": "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", "title": "Add the search endpoint",
                 "image": "127.0.0.1:5000/books-ms:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", "colour": "blue",
                 "failed_stage": null, "message": null, "production": "updated", "duration_ms": 42120,
                 "host": "ci-1", "trigger": "cli", "finished_at": "2026-11-27T10:15:30Z"}
                """));
    }

    @Test
    void aFailedRunSaysWhereWhyAndThatProductionWasRestored() throws Exception {
        assertThat(json(WebhookBody.of(Samples.failed()))).isEqualTo(json("""
                {"version": 1, "event": "failed",
                 "summary": "books-ms: run 8 failed at stage post-integration; production was restored",
                 "service": "books-ms", "run": 8, "kind": "run",
                 "release": "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", "title": "Fix <search> & paging",
                 "image": "127.0.0.1:5000/books-ms:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", "colour": null,
                 "failed_stage": "post-integration",
                 "message": "stage post-integration failed: the post-integration tests failed: exit code 1",
                 "production": "restored", "duration_ms": 61500,
                 "host": "ci-1", "trigger": "cli", "finished_at": "2026-11-27T10:15:30Z"}
                """));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
