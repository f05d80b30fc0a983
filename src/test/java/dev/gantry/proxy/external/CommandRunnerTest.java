package dev.gantry.proxy.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @TempDir
    Path dir;

    @Test
    void replacesConfigInEveryArgumentThatHasIt() {
        assertThat(CommandRunner.withConfig(List.of("haproxy", "-c", "-f", "/etc/haproxy/haproxy.cfg", "-f", "{config}",
                "--check={config}"), Path.of("/etc/haproxy/gantry/gantry.cfg.next")))
                .containsExactly("haproxy", "-c", "-f", "/etc/haproxy/haproxy.cfg", "-f", "/etc/haproxy/gantry/gantry.cfg.next",
                        "--check=/etc/haproxy/gantry/gantry.cfg.next");
    }

    @Test
    void capturesTheOutputAndExitCodeOfAFailedCommand() throws IOException {
        Path script = script("echo checking \"$1\"; echo 'line 3: unknown directive' >&2; exit 3");

        CommandResult result = new CommandRunner(Duration.ofSeconds(10)).run(List.of(script.toString(), "a b"));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.describe()).isEqualTo("`" + script + " a b` exited with 3, printing:\nchecking a b\nline 3: unknown directive");
    }

    @Test
    void aCommandPastItsDeadlineIsKilledAndFails() {
        CommandResult result = new CommandRunner(Duration.ofMillis(300)).run(List.of("sleep", "30"));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.describe()).isEqualTo("`sleep 30` did not finish within 300ms and was killed, printing nothing");
    }

    @Test
    void aMissingProgramFailsWithTheReason() {
        CommandResult result = new CommandRunner(Duration.ofSeconds(10)).run(List.of(dir.resolve("missing").toString()));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.describe()).contains("could not be run (Cannot run program");
    }

    @Test
    void locatesProgramsOnThePathOrByTheirPath() throws IOException {
        Path script = script("exit 0");

        assertThat(CommandRunner.locate("true", "/nonexistent:/bin:/usr/bin")).isPresent();
        assertThat(CommandRunner.locate("no-such-program-here", "/bin:/usr/bin")).isEmpty();
        assertThat(CommandRunner.locate(script.toString(), "")).contains(script);
        assertThat(CommandRunner.locate(dir.resolve("missing").toString(), "/bin")).isEmpty();
    }

    private Path script(String body) throws IOException {
        Path script = dir.resolve("script-" + System.nanoTime() + ".sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
