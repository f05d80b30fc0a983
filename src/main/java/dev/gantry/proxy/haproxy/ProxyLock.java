package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.ProxyUnavailableException;
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
 * One change to the managed HAProxy at a time: a file lock across gantry processes, and a lock per
 * file within this process (the JVM refuses a second lock of the same file from one process).
 */
final class ProxyLock {
    /** A switch may wait 30 s for a drain; two of them queued still fit. */
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;

    ProxyLock(Path file) {
        this.file = file;
    }

    <T> T holding(Supplier<T> work) {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try {
            if (!local.tryLock(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyUnavailableException("interrupted while waiting for " + file, e);
        }
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                acquire(channel, deadline);  // released when the channel closes
                return work.get();
            }
        } catch (IOException e) {
            throw new ProxyUnavailableException("Locking " + file + " failed: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private FileLock acquire(FileChannel channel, long deadline) throws IOException {
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw busy();
            }
            try {
                Thread.sleep(20);  // another process holds it; FileChannel has no timed lock
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProxyUnavailableException("interrupted while waiting for " + file, e);
            }
        }
    }

    private ProxyUnavailableException busy() {
        return new ProxyUnavailableException("Another gantry process has held " + file + " for " + DEADLINE.toSeconds()
                + "s while changing HAProxy's routes; try again when it is done.");
    }
}
