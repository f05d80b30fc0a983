package dev.gantry.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One effect of a run on production, as journaled: {@code effect} names its kind, {@code data}
 * is the JSON the deploy package needs to take it back, {@code description} is for people.
 */
public record JournalEntry(
        long runId,
        int seq,
        String service,
        String effect,
        String description,
        String data,
        JournalState state,
        Optional<String> message,
        Instant intendedAt,
        Optional<Instant> doneAt,
        Optional<Instant> undoneAt,
        Optional<String> undoneBy) {
}
