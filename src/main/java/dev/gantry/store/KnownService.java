package dev.gantry.store;

import java.time.Instant;
import java.util.Optional;

/** A service the server knows ({@code gantry service add}): its git remote, if any, the branch it deploys. */
public record KnownService(String name, Optional<String> remote, String branch, Instant addedAt) {
}
