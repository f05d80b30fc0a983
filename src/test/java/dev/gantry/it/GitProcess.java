package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real git client started in a work tree with no terminal or credential helper to ask, its output
 * (stdout and stderr together) collected as it comes, so that several can run at once.
 */
final class GitProcess {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private GitProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().start(this::read);
    }

    /** Starts {@code git ARGS} in {@code workTree}. */
    static GitProcess start(Path workTree, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "credential.helper=", "-c", "http.lowSpeedLimit=0"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(workTree.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_ASKPASS", "/bin/false");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return new GitProcess(process);
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + command + " failed", e);
        }
    }

    /** What it printed so far. */
    String output() {
        return output.toString();
    }

    /** Its process. */
    Process process() {
        return process;
    }

    /**
     * Drops its connection as a killed client or a cut network would: SIGKILL to git and to its
     * children (git-remote-http holds the connection). Not SIGINT: a process started in the background
     * by a non-interactive shell, like CI's, inherits SIGINT ignored, and git-remote-http then lives on.
     */
    void kill() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
    }

    /** Waits at most {@code limit} for it to end; answers its exit code. */
    int await(Duration limit) throws InterruptedException {
        assertThat(process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)).as("git ended within %s: %s", limit,
                output()).isTrue();
        reader.join(limit.toMillis());
        return process.exitValue();
    }

    private void read() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            output.append("(reading git's output failed: ").append(e.getMessage()).append(")\n");
        }
    }

    @Override
    public String toString() {
        return "git (exit " + (process.isAlive() ? "-" : process.exitValue()) + "):\n" + output();
    }
}
