package dev.gantry.deploy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.Reason;
import dev.gantry.engine.LogSink;
import dev.gantry.fault.Failpoints;
import dev.gantry.store.Journal;
import dev.gantry.store.JournalEntry;
import dev.gantry.store.JournalState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The persisted journal of one run's changes to production: each is written before it is made and
 * after, so that undo — by the run itself after a failure, or by a later process after a crash —
 * needs nothing but the store (docs/journal-recovery-locks.md).
 */
public final class RunJournal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Journal journal;
    private final long runId;
    private final String service;
    private volatile boolean undoing;

    /** The journal of run {@code runId} of {@code service}, in {@code journal}. */
    public RunJournal(Journal journal, long runId, String service) {
        this.journal = journal;
        this.runId = runId;
        this.service = service;
    }

    /** Journals {@code effect}, makes it with {@code change}, journals it done; answers what the change answered. */
    public <T> T record(Effect effect, Supplier<T> change) {
        int seq = intend(effect);
        T result = change.get();
        journal.done(runId, seq);
        return result;
    }

    /**
     * Journals the making of a container or service, makes it with {@code start}, and journals it done
     * with the id Docker gave it, so that undo removes that one and no other; answers the id.
     */
    public String started(Effect.Made effect, Supplier<String> start) {
        int seq = intend(effect);
        String id = start.get();
        journal.done(runId, seq, encode(effect.withId(id)));
        return id;
    }

    private int intend(Effect effect) {
        if (undoing) {
            throw new DeployFailedException("the run is being undone, so " + effect.describe() + " was not made"
                    + " (a stage that passed its deadline was still running)", List.of());
        }
        return journal.intend(runId, service, kind(effect), effect.describe(), encode(effect));
    }

    /** Journals {@code effect}, makes it with {@code change}, journals it done. */
    public void record(Effect effect, Runnable change) {
        record(effect, () -> {
            change.run();
            return null;
        });
    }

    /** Journals the point of no return: from here on the run's changes stay, and recovery finishes its cleanup. */
    public void keep(Effect.ReleaseKept kept) {
        record(kept, () -> { });
    }

    /** The service whose run this journal is. */
    public String service() {
        return service;
    }

    /** The run's changes as journaled, oldest first. */
    public List<Journaled> entries() {
        return journal.entries(runId).stream().map(e -> new Journaled(e, decode(e))).toList();
    }

    /**
     * Takes back every change not yet taken back, newest first; {@code by} says who (the run, or a
     * recovery). A change already undone is not undone again; one that finds nothing to take back
     * (it never took place, or is gone already) is marked undone with that reason. A change that
     * cannot be taken back does not stop the others; it stays in the journal as {@code undo-failed}
     * and is answered so a person can see it. From here on this journal refuses new changes: a stage
     * body that outlived its deadline cannot add to production behind the undo's back.
     */
    public List<String> undo(Production production, String by, LogSink log) {
        undoing = true;
        List<String> failures = new ArrayList<>();
        for (Journaled entry : entries().reversed()) {
            if (!entry.entry().state().pending()) {
                continue;
            }
            try {
                if (entry.effect().undo(production, runId)) {
                    journal.undone(runId, entry.entry().seq(), by);
                    log.line("undone: " + entry.effect().describe());
                    Failpoints.reach("undo.step-done");
                } else {
                    String why = entry.entry().state() == JournalState.INTENDED ? "it never took place"
                            : "what it made is gone already";
                    journal.nothingToUndo(runId, entry.entry().seq(), by, "nothing to undo: " + why);
                    log.line("nothing to undo: " + entry.effect().describe() + " (" + why + ")");
                }
            } catch (RuntimeException e) {
                String failure = entry.effect().describe() + " could not be undone: " + Reason.of(e);
                journal.undoFailed(runId, entry.entry().seq(), Reason.of(e));
                log.line("UNDO FAILED: " + failure);
                failures.add(failure);
            }
        }
        return failures;
    }

    /** A journaled change with its decoded effect. */
    public record Journaled(JournalEntry entry, Effect effect) {
        /** True when the change was made, or may have been (intended, then no word back). */
        public boolean mayHaveHappened() {
            return entry.state() == JournalState.INTENDED || entry.state() == JournalState.DONE;
        }
    }

    /** The effect's kind as named in the journal and the audit log: "container-started" … */
    static String kind(Effect effect) {
        for (var type : Effect.class.getAnnotation(JsonSubTypes.class).value()) {
            if (type.value() == effect.getClass()) {
                return type.name();
            }
        }
        throw new IllegalStateException(effect.getClass() + " is not named in Effect's @JsonSubTypes");
    }

    /** The JSON of {@code effect} as the journal keeps it. */
    public static String encode(Effect effect) {
        try {
            return JSON.writeValueAsString(effect);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + effect.describe() + " to the journal: " + e.getOriginalMessage(), e);
        }
    }

    static Effect decode(JournalEntry entry) {
        try {
            return JSON.readValue(entry.data(), Effect.class);
        } catch (JsonProcessingException e) {
            throw new JournalDataException(entry, e);
        }
    }
}
