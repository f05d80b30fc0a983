package dev.gantry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** An exclusive lock on a file, waited for: FileChannel has no timed lock, so it is tried every {@code interval}. */
public final class FileLocks {

    private FileLocks() {
    }

    /** The lock on {@code channel} (the file {@code file}), or empty if others held it for all of {@code atMost}. */
    public static Optional<FileLock> await(FileChannel channel, Path file, Duration interval, Duration atMost)
            throws IOException {
        try {
            var seen = Wait.forThe(file.toString(), interval, atMost).until(() -> tryLock(channel), lock -> lock != null);
            return Optional.ofNullable(seen.last());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static FileLock tryLock(FileChannel channel) {
        try {
            return channel.tryLock();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
