package dev.gantry.store;

import java.time.Instant;

/**
 * One secret as the store keeps it: sealed, never the value. The arrays are the AES-GCM nonce and the
 * ciphertext with its tag; {@code dev.gantry.secret} seals and opens them.
 */
public record StoredSecret(String service, String name, byte[] nonce, byte[] ciphertext, Instant updatedAt) {
}
