package dev.gantry.proxy.nginx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A program and its arguments, run without a shell; built by pure methods, run here. */
record Command(List<String> argv) {

    Command {
        argv = List.copyOf(argv);
    }

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    record Outcome(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Runs the command to its end, or kills it after {@code deadline}.
     *
     * @throws IOException when the program cannot be run at all (not installed)
     */
    Outcome run(Duration deadline) throws IOException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Outcome(-1, argv.getFirst() + " did not finish within " + deadline.toSeconds() + "s");
            }
            return new Outcome(process.exitValue(), output.get(deadline.toMillis(), TimeUnit.MILLISECONDS).strip());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv.getFirst(), e);
        } catch (Exception e) {
            return new Outcome(process.exitValue(), "(output unreadable: " + e + ")");
        }
    }

    private static String readAll(Process process) {
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
