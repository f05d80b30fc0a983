package dev.gantry.store;

import java.time.Instant;
import java.util.Optional;

/** An API token as stored: its name, the SHA-256 of the token (hex), when it was created and last used. */
public record StoredToken(String name, String sha256, Instant createdAt, Optional<Instant> lastUsedAt) {
}
