package dev.gantry.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The push payload fixtures under src/test/resources/webhooks/. */
final class Payloads {
    private Payloads() {
    }

    /** The push payload of {@code forge}, as it sends it. */
    static byte[] push(Forge forge) {
        try (InputStream in = Payloads.class.getResourceAsStream("/webhooks/" + forge.word() + "-push.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
