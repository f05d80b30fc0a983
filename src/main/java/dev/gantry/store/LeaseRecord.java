package dev.gantry.store;

import java.time.Instant;

/**
 * A stored deploy lease: who holds {@code service} ({@code owner}, as text), for which run (0 until
 * the run is recorded), why, since when and until when unless renewed.
 */
public record LeaseRecord(String service, String owner, long runId, String message, Instant acquiredAt,
                          Instant expiresAt) {
}
