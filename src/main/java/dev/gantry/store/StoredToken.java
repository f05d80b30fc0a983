package dev.gantry.store;

import java.time.Instant;
import java.util.Optional;

/**
 * An API token as stored: its name, the SHA-256 of the token (hex), its scope ({@code read},
 * {@code deploy} or {@code admin}), when it was created, last used and when it expires (never, if empty).
 */
public record StoredToken(String name, String sha256, String scope, Instant createdAt, Optional<Instant> lastUsedAt,
                          Optional<Instant> expiresAt) {
}
