package dev.gantry.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Notifications of the kinds a person receives, with every field known. */
final class Samples {
    static final String COMMIT = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
    static final Instant FINISHED = Instant.parse("2026-11-27T10:15:30Z");

    private Samples() {
    }

    static Notification succeeded() {
        return new Notification(Event.SUCCEEDED, "books-ms", 7, "run", COMMIT, "Add the search endpoint",
                Optional.of("127.0.0.1:5000/books-ms:" + COMMIT), Optional.of("blue"), Optional.empty(), Optional.empty(),
                ProductionState.UPDATED, Duration.ofMillis(42_120), "ci-1", "cli", FINISHED);
    }

    static Notification failed() {
        return new Notification(Event.FAILED, "books-ms", 8, "run", COMMIT, "Fix <search> & paging",
                Optional.of("127.0.0.1:5000/books-ms:" + COMMIT), Optional.empty(), Optional.of("post-integration"),
                Optional.of("stage post-integration failed: the post-integration tests failed: exit code 1"),
                ProductionState.RESTORED, Duration.ofMillis(61_500), "ci-1", "cli", FINISHED);
    }
}
