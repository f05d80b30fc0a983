package dev.gantry.proxy;

import dev.gantry.Wait;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A daemon that Gantry starts and owns through its pid file: started by a command that forks it
 * into the background, found again by any later gantry process, stopped by that pid only.
 */
public final class ManagedProcess {
    private static final Duration START_DEADLINE = Duration.ofSeconds(10);

    private final String name;
    private final Path pidFile;
    private final String marker;

    /**
     * A process named {@code name} for messages, whose pid is in {@code pidFile} and whose command
     * line contains {@code marker} (its config path), which tells it from an unrelated process
     * that got the same pid later.
     */
    public ManagedProcess(String name, Path pidFile, String marker) {
        this.name = name;
        this.pidFile = pidFile;
        this.marker = marker;
    }

    /** The pid of the running process, if it runs. */
    public Optional<Long> pid() {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String text = Files.readString(pidFile).strip();
            long pid = Long.parseLong(text.lines().findFirst().orElse("").strip());
            Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
            if (!Files.exists(cmdline)) {
                return Optional.empty();
            }
            String command = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
            return command.contains(marker) ? Optional.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code command}, which must daemonize and write the pid file, and waits until it has. */
    public long start(List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process starter = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!starter.waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                starter.destroyForcibly();
                throw new ProxyUnavailableException(name + " did not start within " + START_DEADLINE.toSeconds()
                        + "s; see " + log);
            }
            if (starter.exitValue() != 0) {
                throw new ProxyUnavailableException(name + " failed to start (exit " + starter.exitValue() + "): "
                        + lastLines(log) + " (full log: " + log + ")");
            }
            return Wait.forThe(name + "'s pid file", Duration.ofMillis(20), START_DEADLINE).until(this::pid, Optional::isPresent)
                    .last().orElseThrow(() -> new ProxyUnavailableException(name + " started but wrote no pid to "
                            + pidFile + "; see " + log));
        } catch (IOException e) {
            throw new ProxyUnavailableException("Cannot run " + command.getFirst() + ": " + e.getMessage()
                    + ". Install it (bin/env-up does) or choose the other proxy with GANTRY_PROXY.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyUnavailableException("interrupted while starting " + name, e);
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after {@code grace}); nothing if it does not run. */
    public void stop(Duration grace) {
        pid().flatMap(ProcessHandle::of).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception notYet) {
                process.destroyForcibly();
            }
        });
    }

    static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
