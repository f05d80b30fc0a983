package dev.gantry.logs;

import java.time.Instant;

/**
 * How far the collection of one container's output got: the Docker timestamp of the last line kept and how many
 * kept lines carry exactly that timestamp, so that reading again from that time skips those and keeps the rest
 * (nothing lost, nothing twice).
 */
public record LogCursor(Instant time, int linesAtTime) {
}
