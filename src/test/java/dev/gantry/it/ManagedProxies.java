package dev.gantry.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Stops the proxies that the CLI started for one test: by the pid files under that test's
 * GANTRY_HOME, and only processes whose command line names that home.
 */
final class ManagedProxies {
    private ManagedProxies() {
    }

    static void stopAll(Path home) {
        Path proxies = home.resolve("proxy");
        if (!Files.isDirectory(proxies)) {
            return;
        }
        try (Stream<Path> files = Files.walk(proxies)) {
            for (Path pidFile : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                pid(pidFile).filter(pid -> startedFrom(pid, home)).flatMap(ProcessHandle::of).ifPresent(ManagedProxies::stop);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading the pid files under " + proxies + " failed", e);
        }
    }

    /** Running proxy processes started for {@code home}, by pid. */
    static List<Long> running(Path home) {
        Path proxies = home.resolve("proxy");
        if (!Files.isDirectory(proxies)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(proxies)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pid"))
                    .flatMap(f -> pid(f).stream()).filter(pid -> startedFrom(pid, home)).toList();
        } catch (IOException e) {
            throw new IllegalStateException("reading the pid files under " + proxies + " failed", e);
        }
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            process.destroyForcibly();
        }
    }

    private static Optional<Long> pid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).strip().lines().findFirst().orElse("")));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean startedFrom(long pid, Path home) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).contains(home.toString());
        } catch (IOException gone) {
            return false;
        }
    }
}
