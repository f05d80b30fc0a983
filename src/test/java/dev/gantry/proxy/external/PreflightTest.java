package dev.gantry.proxy.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
    @TempDir
    Path dir;

    @Test
    void locatesProgramsOnThePathOrByTheirPath() throws IOException {
        Path script = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

        assertThat(Preflight.locate("true", "/nonexistent:/bin:/usr/bin")).isPresent();
        assertThat(Preflight.locate("no-such-program-here", "/bin:/usr/bin")).isEmpty();
        assertThat(Preflight.locate(script.toString(), "")).contains(script);
        assertThat(Preflight.locate(dir.resolve("missing").toString(), "/bin")).isEmpty();
    }
}
