package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gantry.FreePort;
import dev.gantry.LabCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The real {@code gantry} CLI, run as a subprocess the way a person runs it: a JVM of its own started as
 * {@code bin/gantry} starts it ({@link CliLauncher}), an environment of its own, and a deadline after which it is
 * killed and the test fails.
 */
final class GantryCli {
    private static final String LISTENING = "gantry server listening on ";
    /** Longer than any run of the suite takes; a run that needs more is hung, not slow. */
    static final Duration DEADLINE = Duration.ofMinutes(3);

    private final Map<String, String> env;
    private final Path outputs;
    private final byte[] input;

    private GantryCli(Map<String, String> env, Path outputs, byte[] input) {
        this.env = Map.copyOf(env);
        this.outputs = outputs;
        this.input = input;
    }

    /**
     * A CLI whose GANTRY_HOME is {@code home}, writing what it prints under {@code outputs}. The test
     * JVM's environment is passed on (PATH, DOCKER_HOST …) except Gantry's own settings, so that a
     * developer's GANTRY_* cannot leak in; the registry is the one the tests look into.
     */
    static GantryCli of(Path home, Path outputs) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("GANTRY_"));
        env.put("GANTRY_HOME", home.toString());
        env.put("GANTRY_REGISTRY", RegistryApi.ADDRESS);
        env.putAll(LabCredentials.variables());
        return new GantryCli(env, outputs, new byte[0]);
    }

    /** The same CLI with one more environment variable set. */
    GantryCli with(String name, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(name, value);
        return new GantryCli(more, outputs, input);
    }

    /** The same CLI with {@code text} piped to its standard input (like {@code printf ... | gantry ...}). */
    GantryCli input(String text) {
        return new GantryCli(env, outputs, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs {@code gantry args...} to its end, within {@link #DEADLINE}. */
    Result run(String... args) {
        return run(DEADLINE, args);
    }

    /** Runs {@code gantry args...} to its end; kills it and fails the test after {@code deadline}. */
    Result run(Duration deadline, String... args) {
        return start(args).await(deadline);
    }

    /** Runs {@code gantry args...}, which must succeed (exit 0). */
    Result ok(String... args) {
        Result result = run(args);
        assertThat(result.exitCode()).as("%s", result).isZero();
        return result;
    }

    /** Starts {@code gantry server options...} on a free loopback port and waits until it listens (a minute at most). */
    Running server(String... options) {
        int port = FreePort.pick();
        String[] args = new String[options.length + 1];
        args[0] = "server";
        System.arraycopy(options, 0, args, 1, options.length);
        return listening(with("GANTRY_SERVER_ADDR", "127.0.0.1:" + port).start(args), port);
    }

    /**
     * The same, told its port by {@code --addr}, so that its environment is this CLI's and the runs this CLI
     * starts are handed to it (docs/server.md, "Runs handed to the server").
     */
    Running serverInTheSameEnvironment() {
        int port = FreePort.pick();
        return listening(start("server", "--addr", "127.0.0.1:" + port), port);
    }

    private static Running listening(Running server, int port) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .failFast("gantry server ended", () -> !server.process().isAlive())
                .until(() -> server.stdout().contains(LISTENING + "http://127.0.0.1:" + port));
        return server;
    }

    /** Starts {@code gantry args...} and returns at once, for a test that acts while it runs. */
    Running start(String... args) {
        CliLauncher.Launch launch = CliLauncher.of(List.of(args), Path.of(env.get("GANTRY_HOME")));
        try {
            Path stdout = Files.createTempFile(outputs, "stdout-", ".txt");
            Path stderr = Files.createTempFile(outputs, "stderr-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(launch.command())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) { // then closed: a run must never wait for input
                stdin.write(input);
            }
            return new Running(List.of(args), process, stdout, stderr, launch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gantry CLI: " + launch.command(), e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** A CLI process started by {@link #start}: still running, or ended. */
    record Running(List<String> args, Process process, Path stdoutFile, Path stderrFile, CliLauncher.Launch launch) {

        /** Its pid, as its lock names it. */
        long pid() {
            return process.pid();
        }

        /** What it has printed on standard output so far. */
        String stdout() {
            try {
                return read(stdoutFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** What it has printed on standard error so far. */
        String stderr() {
            try {
                return read(stderrFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits until it has printed {@code text} on standard error; fails the test if it ends or {@code limit} passes first. */
        void awaitStderr(String text, Duration limit) {
            Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(100))
                    .failFast("gantry " + String.join(" ", args) + " ended before printing \"" + text + "\"",
                            () -> !process.isAlive() && !stderr().contains(text))
                    .until(() -> stderr().contains(text));
        }

        /** Waits for its end; kills it and fails the test after {@code deadline}. */
        Result await(Duration deadline) {
            try {
                if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    fail("gantry %s did not end within %s and was killed.%nstdout:%n%s%nstderr:%n%s",
                            String.join(" ", args), deadline, read(stdoutFile), read(stderrFile));
                }
                launch.ended();
                return new Result(args, process.exitValue(), read(stdoutFile), read(stderrFile));
            } catch (IOException e) {
                throw new UncheckedIOException("reading what gantry " + String.join(" ", args) + " printed failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while gantry " + String.join(" ", args) + " ran", e);
            }
        }

        /** The base URL a {@code gantry server} it runs listens on ({@code http://127.0.0.1:PORT}). */
        String url() {
            return stdout().lines().filter(line -> line.startsWith(LISTENING)).findFirst()
                    .orElseThrow(() -> new AssertionError("gantry " + String.join(" ", args) + " is not listening"))
                    .substring(LISTENING.length());
        }

        /** Kills it with SIGKILL, as a crash or {@code kill -9} would, and waits until it is gone. */
        Result kill() {
            process.destroyForcibly();
            return await(DEADLINE);
        }
    }

    /** How one CLI invocation ended: its exit code and everything it printed. */
    record Result(List<String> args, int exitCode, String stdout, String stderr) {

        /** Both streams, for assertion messages: a failed assertion shows what the person saw. */
        @Override
        public String toString() {
            return "gantry " + String.join(" ", args) + " exited with " + exitCode
                    + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }
}
