package dev.gantry.secret;

import java.time.Instant;

/** A secret as {@code gantry secret list} shows it: its name and when it was last set, never its value. */
public record SecretEntry(String name, Instant updatedAt) {
}
