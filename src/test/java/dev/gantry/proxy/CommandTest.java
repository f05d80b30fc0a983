package dev.gantry.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTest {
    @TempDir
    Path dir;

    @Test
    void capturesTheOutputAndExitCodeOfAFailedCommand() throws IOException {
        Path script = script("echo checking \"$1\"; echo 'line 3: unknown directive' >&2; exit 3");

        Command.Outcome outcome = Command.of(script.toString(), "a b").run(Duration.ofSeconds(10));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.output()).isEqualTo("checking a b\nline 3: unknown directive");
        assertThat(outcome.describe()).isEqualTo("`" + script + " a b` exited with 3, printing:\nchecking a b\nline 3: unknown directive");
    }

    @Test
    void aCommandPastItsDeadlineIsKilledAndFails() throws IOException {
        Command.Outcome outcome = Command.of("sleep", "30").run(Duration.ofMillis(300));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.describe()).isEqualTo("`sleep 30` did not finish within 300ms and was killed, printing nothing");
    }

    @Test
    void aDaemonThatKeepsTheOutputOpenDoesNotHoldTheCaller() throws IOException {
        Path script = script("sleep 8 & echo started");

        Command.Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(4), () -> Command.of(script.toString())
                .run(Duration.ofSeconds(10)));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.output()).isEqualTo("started");
    }

    @Test
    void aMissingProgramCannotBeRun() {
        assertThatThrownBy(() -> Command.of(dir.resolve("missing").toString()).run(Duration.ofSeconds(10)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot run program");
    }

    @Test
    void describeShowsTheLastTwentyLines() throws IOException {
        Command.Outcome outcome = Command.of("seq", "1", "25").run(Duration.ofSeconds(10));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.describe()).startsWith("`seq 1 25` exited with 0, printing:\n6\n7\n").endsWith("\n25");
    }

    private Path script(String body) throws IOException {
        Path script = dir.resolve("script-" + System.nanoTime() + ".sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
