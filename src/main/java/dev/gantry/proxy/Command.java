package dev.gantry.proxy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program and its arguments, run without a shell and with a deadline; built by pure methods
 * (e.g. {@code NginxCommands}), run here. Its output goes to a temporary file, not a pipe: a daemon
 * the program starts may keep a pipe open for ever, which would hang the read.
 */
public record Command(List<String> argv) {
    private static final int SHOWN_LINES = 20;

    /** How a run ended: exit code (-1 if it did not finish by itself), its output (stdout and stderr), and why not. */
    public record Outcome(Command command, int exitCode, String output, String failure) {

        /** Whether it finished by itself with exit code 0. */
        public boolean succeeded() {
            return failure.isEmpty() && exitCode == 0;
        }

        /** For messages: {@code `nginx -t` exited with 1, printing:} and the last lines of its output. */
        public String describe() {
            String how = failure.isEmpty() ? "exited with " + exitCode : failure;
            List<String> lines = output.lines().toList();
            String last = String.join("\n", lines.subList(Math.max(0, lines.size() - SHOWN_LINES), lines.size()));
            return "`" + command + "` " + how + (last.isBlank() ? ", printing nothing" : ", printing:\n" + last);
        }
    }

    public Command {
        argv = List.copyOf(argv);
    }

    /** The command {@code argv}. */
    public static Command of(String... argv) {
        return new Command(List.of(argv));
    }

    /**
     * Runs it to its end, or kills it and its descendants at {@code deadline}.
     *
     * @throws IOException when the program cannot be run at all (not installed, not executable)
     */
    public Outcome run(Duration deadline) throws IOException {
        Path log = Files.createTempFile("gantry-command", ".log");
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String failure = waitFor(process, deadline);
            String output = Files.readString(log, StandardCharsets.UTF_8).strip();
            return new Outcome(this, failure.isEmpty() ? process.exitValue() : -1, output, failure);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Why it did not finish by itself, or "" if it did. */
    private static String waitFor(Process process, Duration deadline) {
        try {
            if (process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                return "";
            }
            kill(process);
            return "did not finish within " + shown(deadline) + " and was killed";
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return "was interrupted";
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String shown(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
