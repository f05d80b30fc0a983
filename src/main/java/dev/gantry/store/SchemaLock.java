package dev.gantry.store;

import dev.gantry.FileLocks;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Opens a SQLite store one gantry process at a time. Flyway cannot lock SQLite's schema history, so
 * two processes migrating a new store at once fail with SQLITE_BUSY (and switching to WAL needs the
 * file to itself); this lock is a file beside the database, never the database file itself, whose
 * POSIX locks SQLite owns. Other databases lock their own migrations.
 */
final class SchemaLock {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String SQLITE = "jdbc:sqlite:";

    /** The work done while the lock is held. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private SchemaLock() {
    }

    /** Runs {@code work} holding the lock of the store at {@code jdbcUrl}, if it is a SQLite file. */
    static synchronized <T> T holding(String jdbcUrl, Work<T> work) throws SQLException {
        if (!jdbcUrl.startsWith(SQLITE)) {
            return work.run();
        }
        Path file = Path.of(jdbcUrl.substring(SQLITE.length()) + ".open-lock");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            acquire(channel, file);  // released when the channel closes
            return work.run();
        } catch (IOException e) {
            throw new SQLException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileLock acquire(FileChannel channel, Path file) throws IOException, SQLException {
        // opening takes well under a second
        return FileLocks.await(channel, file, Duration.ofMillis(20), DEADLINE).orElseThrow(() -> new SQLException(
                "another gantry process has held " + file + " for " + DEADLINE.toSeconds() + "s while opening the store"));
    }
}
