package dev.gantry.it;

import static org.assertj.core.api.Assertions.fail;

import dev.gantry.LabCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CD engine that bin/env-up starts beside the first Docker engine (docs/environment.md), found
 * where env-up records its address: cd-docker-host in the lab's directory (.env, or GANTRY_ENV_DIR).
 * A test that needs it fails, and does not skip, when it is not there: bin/test starts it.
 */
final class CdEngineAddress {
    private CdEngineAddress() {
    }

    /** The CD engine's address (unix://…), after checking that it answers; fails the test otherwise. */
    static String require() {
        Path file = LabCredentials.envDir().resolve("cd-docker-host");
        if (!Files.isRegularFile(file)) {
            fail("The CD engine is not set up: %s is missing. Run bin/env-up (bin/test does), which starts it.", file);
        }
        String address = read(file);
        try (var engine = new DockerObjects(address)) {
            if (!engine.answers()) {
                fail("The CD engine at %s (from %s) does not answer. Run bin/env-up (bin/test does), which starts it.",
                        address, file);
            }
        }
        return address;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " failed", e);
        }
    }
}
