package dev.gantry.proxy;

import dev.gantry.FileLocks;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One change to the routes at a time, whichever proxy applies them: a file lock on
 * {@code proxy/routes.lock} across gantry processes, and a lock per file within this process (the
 * JVM refuses a second lock of the same file from one process).
 */
public final class RoutesLock {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final Duration deadline;

    /** The lock of the proxy whose shared files are in {@code proxyDir}, waited for at most {@code deadline}. */
    public RoutesLock(Path proxyDir, Duration deadline) {
        this.file = proxyDir.resolve("routes.lock").toAbsolutePath().normalize();
        this.deadline = deadline;
    }

    /** Runs {@code work} holding both locks; a {@link ProxyUnavailableException} if they stay taken past the deadline. */
    public <T> T holding(Supplier<T> work) {
        long end = System.nanoTime() + deadline.toNanos();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        try {
            if (!local.tryLock(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyUnavailableException("Interrupted while waiting for " + file, e);
        }
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                acquire(channel, end);  // released when the channel closes
                return work.get();
            }
        } catch (IOException e) {
            throw new ProxyUnavailableException("Locking " + file + " failed: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private FileLock acquire(FileChannel channel, long end) throws IOException {
        return FileLocks.await(channel, file, Duration.ofMillis(10), Duration.ofNanos(Math.max(0, end - System.nanoTime())))
                .orElseThrow(this::busy);
    }

    private ProxyUnavailableException busy() {
        return new ProxyUnavailableException("Another gantry process has held " + file + " for " + deadline.toSeconds()
                + "s while changing the proxy's routes; try again when it is done.");
    }
}
