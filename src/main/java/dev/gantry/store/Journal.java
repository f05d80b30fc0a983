package dev.gantry.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The run journal's table: effects on production written before and after they happen, so that
 * a failed or crashed run can be taken back from the store alone (docs/journal-recovery-locks.md).
 */
public final class Journal {
    private final Sql sql;

    Journal(Sql sql) {
        this.sql = sql;
    }

    /** Records that run {@code runId} is about to cause an effect; answers its sequence number. */
    public int intend(long runId, String service, String effect, String description, String data) {
        int seq = sql.query("SELECT COALESCE(MAX(seq), 0) + 1 FROM journal WHERE run_id = ?", rs -> rs.getInt(1), runId)
                .getFirst();
        sql.update("INSERT INTO journal (run_id, seq, service, effect, description, data, state, intended_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", runId, seq, service, effect, description, data,
                JournalState.INTENDED.word(), now());
        return seq;
    }

    /** Records that the effect happened. */
    public void done(long runId, int seq) {
        sql.update("UPDATE journal SET state = ?, done_at = ? WHERE run_id = ? AND seq = ?",
                JournalState.DONE.word(), now(), runId, seq);
    }

    /** Records that the effect happened, with its data now complete (e.g. the id of the container it made). */
    public void done(long runId, int seq, String data) {
        sql.update("UPDATE journal SET state = ?, done_at = ?, data = ? WHERE run_id = ? AND seq = ?",
                JournalState.DONE.word(), now(), data, runId, seq);
    }

    /**
     * Records that there was nothing to take back (the effect never took place, or was already
     * taken back), and why: the entry counts as undone, with {@code why} for the audit log.
     */
    public void nothingToUndo(long runId, int seq, String by, String why) {
        sql.update("UPDATE journal SET state = ?, undone_at = ?, undone_by = ?, message = ?"
                + " WHERE run_id = ? AND seq = ?", JournalState.UNDONE.word(), now(), by, why, runId, seq);
    }

    /** Records that the effect was taken back, and by whom (the run itself, or a recovery). */
    public void undone(long runId, int seq, String by) {
        sql.update("UPDATE journal SET state = ?, undone_at = ?, undone_by = ?, message = NULL"
                + " WHERE run_id = ? AND seq = ?", JournalState.UNDONE.word(), now(), by, runId, seq);
    }

    /** Records that taking the effect back failed, and why. */
    public void undoFailed(long runId, int seq, String message) {
        sql.update("UPDATE journal SET state = ?, message = ? WHERE run_id = ? AND seq = ?",
                JournalState.UNDO_FAILED.word(), message, runId, seq);
    }

    /** Every effect of a run, oldest first. */
    public List<JournalEntry> entries(long runId) {
        return sql.query("SELECT * FROM journal WHERE run_id = ? ORDER BY seq", Journal::entry, runId);
    }

    /**
     * The runs that may have left effects in production: still marked running (their process may
     * have died), or finished with an effect neither kept nor taken back. Oldest first.
     */
    public List<Long> unfinishedRuns() {
        return sql.query("SELECT id FROM runs WHERE state = 'running' UNION SELECT j.run_id FROM journal j"
                + " JOIN runs r ON r.id = j.run_id WHERE r.state = 'failed' AND j.state <> 'undone'"
                + " ORDER BY 1", rs -> rs.getLong(1));
    }

    /** The newest effects, of one service or of all, newest first: the audit log. */
    public List<JournalEntry> newest(Optional<String> service, int limit) {
        return service.map(s -> sql.query("SELECT * FROM journal WHERE service = ? ORDER BY intended_at DESC, seq DESC"
                        + " LIMIT ?", Journal::entry, s, limit))
                .orElseGet(() -> sql.query("SELECT * FROM journal ORDER BY intended_at DESC, seq DESC LIMIT ?",
                        Journal::entry, limit));
    }

    private static JournalEntry entry(ResultSet rs) throws SQLException {
        return new JournalEntry(rs.getLong("run_id"), rs.getInt("seq"), rs.getString("service"),
                rs.getString("effect"), rs.getString("description"), rs.getString("data"),
                JournalState.parse(rs.getString("state")), Optional.ofNullable(rs.getString("message")),
                Instant.ofEpochMilli(rs.getLong("intended_at")), instant(rs, "done_at"), instant(rs, "undone_at"),
                Optional.ofNullable(rs.getString("undone_by")));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
