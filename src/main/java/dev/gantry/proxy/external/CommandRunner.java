package dev.gantry.proxy.external;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the user's validate and apply commands: an argument list, never a shell, with a deadline,
 * its output captured to a file (a daemon the command starts may keep a pipe open for ever).
 */
final class CommandRunner {
    static final String CONFIG_PLACEHOLDER = "{config}";
    private static final int SHOWN_LINES = 20;

    private final Duration deadline;

    CommandRunner(Duration deadline) {
        this.deadline = deadline;
    }

    /** The command with {@code {config}} in any argument replaced by {@code config}. */
    static List<String> withConfig(List<String> command, Path config) {
        return command.stream().map(argument -> argument.replace(CONFIG_PLACEHOLDER, config.toString())).toList();
    }

    /** Where a program named like {@code nginx} or {@code /usr/sbin/nginx} would be run from, if it exists. */
    static Optional<Path> locate(String program, String searchPath) {
        if (program.contains("/")) {
            return Optional.of(Path.of(program)).filter(Files::isExecutable);
        }
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    CommandResult run(List<String> command) {
        Path log = null;
        try {
            log = Files.createTempFile("gantry-proxy-command", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new CommandResult(command, -1, lastLines(log),
                        "did not finish within " + shown(deadline) + " and was killed");
            }
            return new CommandResult(command, process.exitValue(), lastLines(log), "");
        } catch (IOException e) {
            return new CommandResult(command, -1, "", "could not be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(command, -1, "", "was interrupted");
        } finally {
            deleteQuietly(log);
        }
    }

    private static String lastLines(Path log) throws IOException {
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - SHOWN_LINES), lines.size()));
    }

    private static String shown(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static void deleteQuietly(Path log) {
        if (log != null) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temp file left behind harms nothing
            }
        }
    }
}
