package dev.gantry.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log read from the run journal: every change Gantry made to production and every change taken back, as
 * {@code gantry audit} prints it and the web UI's audit page shows it (one reading for both), so it shows exactly what
 * undo and recovery work from.
 */
public final class AuditLog {
    private static final int SHORT_COMMIT = 12;

    private AuditLog() {
    }

    /**
     * One line of the audit log: when, which service and run, the release (the run's short commit, {@code ?} if the
     * run is gone), who or what did it, its result ({@code done}, {@code failed} or {@code unknown}) and what changed.
     * Text as stored: the caller masks secrets and makes it printable.
     */
    public record Event(Instant at, String service, long runId, String release, String by, String result,
                        String change) {
    }

    /**
     * The changes of {@code entries} and their undos as events, newest first, each run read once from {@code runs}.
     * A change journaled as intended but never confirmed is {@code unknown}: its process stopped while making it.
     */
    public static List<Event> events(List<JournalEntry> entries, Runs runs) {
        Map<Long, Optional<RunRecord>> read = new HashMap<>();
        List<Event> events = new ArrayList<>();
        for (JournalEntry e : entries) {
            Optional<RunRecord> run = read.computeIfAbsent(e.runId(), runs::find);
            String release = run.map(r -> r.commit().substring(0, Math.min(SHORT_COMMIT, r.commit().length())))
                    .orElse("?");
            String trigger = run.map(RunRecord::trigger).orElse("?");
            boolean confirmed = e.doneAt().isPresent();
            var change = new Event(e.doneAt().orElse(e.intendedAt()), e.service(), e.runId(), release, trigger,
                    confirmed ? "done" : "unknown", e.description());
            if (e.state() == JournalState.UNDONE) {
                events.add(new Event(e.undoneAt().orElseThrow(), e.service(), e.runId(), release,
                        e.undoneBy().orElse("?"), "done", "undo: " + e.description()));
            } else if (e.state() == JournalState.UNDO_FAILED) {
                events.add(new Event(e.doneAt().orElse(e.intendedAt()), e.service(), e.runId(), release, "?", "failed",
                        "undo: " + e.description() + " (" + e.message().orElse("no reason given") + ")"));
            }
            events.add(change);  // after its undo: newest first, and the sort keeps the two so in the same millisecond
        }
        events.sort(Comparator.comparing(Event::at).reversed());
        return events;
    }
}
