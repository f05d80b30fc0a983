package dev.gantry.proxy.haproxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A program run as an argument list (never through a shell), with a deadline. */
record Command(List<String> argv) {

    /** How it ended: the exit code (-1 if it was killed at the deadline) and its merged output. */
    record Outcome(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    Command {
        argv = List.copyOf(argv);
    }

    static Command of(String... argv) {
        return new Command(List.of(argv));
    }

    /** Runs it; an {@link IOException} means the program could not be started (not installed). */
    Outcome run(Duration deadline) throws IOException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process), Thread::startVirtualThread);
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Outcome(-1, "no answer within " + deadline.toSeconds() + "s");
            }
            return new Outcome(process.exitValue(), output.get(deadline.toMillis(), TimeUnit.MILLISECONDS).strip());
        } catch (ExecutionException | TimeoutException e) {
            return new Outcome(process.exitValue(), "(output unreadable: " + e + ")");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv.getFirst(), e);
        }
    }

    private static String read(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
