package dev.gantry.proxy.nginx;

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
 * Mutual exclusion around the route table's read-modify-write and the proxy's start, across gantry
 * processes (a file lock) and across threads of one process (file locks are per process).
 */
final class RoutesLock {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private RoutesLock() {
    }

    static <T> T holding(Path lockFile, Supplier<T> work) {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, file -> new ReentrantLock());
        try {
            if (!local.tryLock(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(lockFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyUnavailableException("interrupted while waiting for " + lockFile, e);
        }
        try (FileChannel channel = open(lockFile)) {
            acquire(channel, lockFile);  // released when the channel closes
            return work.get();
        } catch (IOException e) {
            throw new ProxyUnavailableException("Locking " + lockFile + " failed: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private static FileChannel open(Path lockFile) throws IOException {
        Files.createDirectories(lockFile.getParent());
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static FileLock acquire(FileChannel channel, Path lockFile) throws IOException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw busy(lockFile);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProxyUnavailableException("interrupted while waiting for " + lockFile, e);
            }
        }
    }

    private static ProxyUnavailableException busy(Path lockFile) {
        return new ProxyUnavailableException("Another gantry process has held " + lockFile + " for "
                + DEADLINE.toSeconds() + "s while changing the proxy's routes; try again when it is done.");
    }
}
