package dev.gantry.logs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The collected output of the services' replicas (docs/logs.md, "Collected logs"): one SQLite file of its own beside
 * the store, whatever the store is, so that a flood of output never queues behind the runs' writes. Lines are kept
 * masked, as shown; {@code --grep} is served by an FTS5 trigram index (a case-sensitive substring, as grep -F); each
 * container has a {@link LogCursor}; {@link #prune} keeps the {@link LogRetention}.
 */
public final class LogArchive implements AutoCloseable {
    /** The shortest text the trigram index can look up; shorter ones are searched line by line. */
    private static final int TRIGRAM = 3;
    /** How many of a service's newest lines a grep reads one by one before it asks the index. */
    static final int SCAN = 50_000;

    private final Connection connection;

    private LogArchive(Connection connection) {
        this.connection = connection;
    }

    /** Opens (or creates) the archive at {@code file}. */
    public static LogArchive open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("CREATE TABLE IF NOT EXISTS lines (id INTEGER PRIMARY KEY, service TEXT NOT NULL,"
                        + " replica TEXT NOT NULL, node TEXT, colour TEXT NOT NULL, release TEXT NOT NULL,"
                        + " at INTEGER NOT NULL, text TEXT NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS lines_by_service ON lines (service, at)");
                s.execute("CREATE VIRTUAL TABLE IF NOT EXISTS lines_text USING fts5(text, content='lines',"
                        + " content_rowid='id', tokenize='trigram case_sensitive 1')");
                s.execute("CREATE TABLE IF NOT EXISTS cursors (container TEXT PRIMARY KEY, at INTEGER NOT NULL,"
                        + " lines_at INTEGER NOT NULL)");
            }
            return new LogArchive(connection);
        } catch (java.io.IOException | SQLException e) {
            throw new LogArchiveException("opening the collected logs at " + file + " failed: " + e.getMessage()
                    + ". Gantry keeps them in that file beside its store; make its directory writable, or remove a"
                    + " damaged file (the logs in it are lost, the services are not touched).", e);
        }
    }

    /**
     * Keeps {@code lines} of {@code container} (of {@code service}), all at or after its cursor, and moves its cursor
     * past them, in one transaction: a crash keeps both or neither.
     */
    public synchronized void append(String container, String service, List<ServiceLogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        inTransaction(() -> {
            long lastBefore = lastId();
            try (PreparedStatement line = connection.prepareStatement("INSERT INTO lines (service, replica, node,"
                    + " colour, release, at, text) VALUES (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement index = connection.prepareStatement(
                         "INSERT INTO lines_text (rowid, text) SELECT id, text FROM lines WHERE id > ?")) {
                for (ServiceLogLine each : lines) {
                    line.setString(1, service);
                    line.setString(2, each.replica());
                    line.setString(3, each.node().orElse(null));
                    line.setString(4, each.colour());
                    line.setString(5, each.release());
                    line.setLong(6, nanos(each.time()));
                    line.setString(7, each.text());
                    line.addBatch();
                }
                line.executeBatch();
                index.setLong(1, lastBefore);
                index.executeUpdate();
            }
            LogCursor next = advanced(cursor(container), lines);
            try (PreparedStatement cursor = connection.prepareStatement("INSERT INTO cursors (container, at, lines_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (container) DO UPDATE SET at = excluded.at,"
                    + " lines_at = excluded.lines_at")) {
                cursor.setString(1, container);
                cursor.setLong(2, nanos(next.time()));
                cursor.setInt(3, next.linesAtTime());
                cursor.executeUpdate();
            }
        });
    }

    private static LogCursor advanced(Optional<LogCursor> before, List<ServiceLogLine> lines) {
        Instant last = lines.getLast().time();
        int atLast = (int) lines.stream().filter(line -> line.time().equals(last)).count();
        return new LogCursor(last, before.filter(c -> c.time().equals(last)).map(c -> c.linesAtTime() + atLast)
                .orElse(atLast));
    }

    private long lastId() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM lines")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** How far the collection of {@code container} got; nothing if none of its lines was kept yet. */
    public synchronized Optional<LogCursor> cursor(String container) {
        return query("SELECT at, lines_at FROM cursors WHERE container = ?", rs ->
                new LogCursor(instant(rs.getLong(1)), rs.getInt(2)), container).stream().findFirst();
    }

    /**
     * What the archive holds at one moment: the id of its newest line and every container's cursor. A reading that
     * searches up to it and reads the engines after its cursors sees each line once, whatever the collector writes
     * meanwhile.
     */
    public record Snapshot(long lastId, Map<String, LogCursor> cursors) {
    }

    /** The archive as it is now. */
    public synchronized Snapshot snapshot() {
        try {
            Map<String, LogCursor> cursors = query("SELECT container, at, lines_at FROM cursors", rs -> Map.entry(
                    rs.getString(1), new LogCursor(instant(rs.getLong(2)), rs.getInt(3)))).stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
            return new Snapshot(lastId(), cursors);
        } catch (SQLException e) {
            throw new LogArchiveException("reading the collected logs failed: " + e.getMessage(), e);
        }
    }

    /** The same as {@link #search(String, LogFilter, Snapshot)}, of every line kept now. */
    public synchronized List<ServiceLogLine> search(String service, LogFilter filter) {
        return search(service, filter, new Snapshot(Long.MAX_VALUE, Map.of()));
    }

    /**
     * The last {@code filter.lines()} lines of {@code service} that {@code filter} accepts, up to {@code snapshot}, oldest first. A text to
     * grep is first looked for in the service's newest {@link #SCAN} lines, which finds a common text at once; only
     * if they hold too few matches does the trigram index answer (a rare text; a text of fewer than three characters
     * is looked for in every line).
     */
    public synchronized List<ServiceLogLine> search(String service, LogFilter filter, Snapshot snapshot) {
        var where = new StringBuilder("service = ? AND id <= ?");
        List<Object> params = new ArrayList<>(List.of(service, snapshot.lastId()));
        filter.since().ifPresent(since -> {
            where.append(" AND at >= ?");
            params.add(nanos(since));
        });
        filter.colour().ifPresent(colour -> {
            where.append(" AND colour = ?");
            params.add(colour.word());
        });
        filter.release().ifPresent(release -> {
            where.append(" AND substr(release, 1, length(?)) = ?");
            params.add(release);
            params.add(release);
        });
        if (filter.grep().isEmpty()) {
            return newest("SELECT * FROM lines WHERE " + where, params, filter.lines());
        }
        String grep = filter.grep().get();
        List<Object> scan = new ArrayList<>(params);
        scan.add(SCAN);
        scan.add(grep);
        List<ServiceLogLine> found = newest("SELECT * FROM (SELECT * FROM lines WHERE " + where
                + " ORDER BY at DESC, id DESC LIMIT ?) WHERE instr(text, ?) > 0", scan, filter.lines());
        if (found.size() == filter.lines()) {
            return found;
        }
        if (grep.length() >= TRIGRAM) {  // a shorter text is looked for in every line
            where.append(" AND id IN (SELECT rowid FROM lines_text WHERE lines_text MATCH ?)");
            params.add("\"" + grep.replace("\"", "\"\"") + "\"");
        }
        where.append(" AND instr(text, ?) > 0");
        params.add(grep);
        return newest("SELECT * FROM lines WHERE " + where, params, filter.lines());
    }

    /** The newest {@code most} rows {@code select} gives (columns of lines), oldest first. */
    private List<ServiceLogLine> newest(String select, List<Object> params, int most) {
        List<Object> all = new ArrayList<>(params);
        all.add(most);
        List<ServiceLogLine> newestFirst = query("SELECT at, replica, node, colour, release, text FROM (" + select
                + ") ORDER BY at DESC, id DESC LIMIT ?", rs -> new ServiceLogLine(instant(rs.getLong(1)),
                rs.getString(2), Optional.ofNullable(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getString(6)), all.toArray());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** How many lines the archive keeps. */
    public synchronized long lines() {
        return query("SELECT count(*) FROM lines", rs -> rs.getLong(1)).getFirst();
    }

    /** The bytes of the archive's pages in use (what {@link LogRetention#maxBytes} bounds). */
    public synchronized long bytesInUse() {
        return query("SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(),"
                + " pragma_freelist_count(), pragma_page_size()", rs -> rs.getLong(1)).getFirst();
    }

    /**
     * Removes the lines older than {@code retention}'s age at {@code now}, then the oldest tenth at a time while the
     * archive uses more than its bytes; answers how many lines went.
     */
    public synchronized long prune(LogRetention retention, Instant now) {
        long removed = removeUpTo(query("SELECT coalesce(max(id), 0) FROM lines WHERE at < ?", rs -> rs.getLong(1),
                nanos(now.minus(retention.maxAge()))).getFirst());
        while (bytesInUse() > retention.maxBytes() && lines() > 0) {
            long tenth = Math.max(1, lines() / 10);
            removed += removeUpTo(query("SELECT id FROM lines ORDER BY id LIMIT 1 OFFSET ?", rs -> rs.getLong(1),
                    tenth - 1).getFirst());
        }
        return removed;
    }

    private long removeUpTo(long lastId) {
        if (lastId <= 0) {
            return 0;
        }
        long[] removed = {0};
        inTransaction(() -> {
            try (PreparedStatement index = connection.prepareStatement("INSERT INTO lines_text (lines_text, rowid, text)"
                    + " SELECT 'delete', id, text FROM lines WHERE id <= ?");
                 PreparedStatement lines = connection.prepareStatement("DELETE FROM lines WHERE id <= ?")) {
                index.setLong(1, lastId);
                index.executeUpdate();
                lines.setLong(1, lastId);
                removed[0] = lines.executeUpdate();
            }
        });
        return removed[0];
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing: nothing is left to lose, every write was committed
        }
    }

    private interface Work {
        void run() throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private void inTransaction(Work work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LogArchiveException("writing the collected logs failed: " + e.getMessage(), e);
        }
    }

    private <T> List<T> query(String sql, Row<T> row, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new LogArchiveException("reading the collected logs failed: " + e.getMessage(), e);
        }
    }

    private static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
