package dev.gantry.proxy.external;

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
 * Mutual exclusion around the route table's read-modify-write and the file's replacement, across
 * gantry processes (a file lock) and across threads of one process (file locks are per process).
 */
final class RoutesLock {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final Duration deadline;

    RoutesLock(Path lockFile, Duration deadline) {
        this.lockFile = lockFile;
        this.deadline = deadline;
    }

    <T> T holding(Supplier<T> work) {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath(), file -> new ReentrantLock());
        try {
            if (!local.tryLock(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyUnavailableException("Interrupted while waiting for " + lockFile, e);
        }
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                acquire(channel);  // released when the channel closes
                return work.get();
            }
        } catch (IOException e) {
            throw new ProxyUnavailableException("Locking " + lockFile + " failed: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private FileLock acquire(FileChannel channel) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        FileLock lock = channel.tryLock();
        while (lock == null) {
            if (System.nanoTime() > end) {
                throw busy();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);  // FileChannel has no timed lock
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProxyUnavailableException("Interrupted while waiting for " + lockFile, e);
            }
            lock = channel.tryLock();
        }
        return lock;
    }

    private ProxyUnavailableException busy() {
        return new ProxyUnavailableException("Another gantry process has held " + lockFile + " for "
                + deadline.toSeconds() + "s while changing the proxy's routes; try again when it is done.");
    }
}
