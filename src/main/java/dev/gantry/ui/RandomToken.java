package dev.gantry.ui;

import java.security.SecureRandom;
import java.util.Base64;

/** 32 bytes from {@link SecureRandom} (256 bits) in URL-safe base64 without padding: session ids and CSRF tokens. */
final class RandomToken {
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomToken() {
    }

    /** A new token that nobody can guess. */
    static String create() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
