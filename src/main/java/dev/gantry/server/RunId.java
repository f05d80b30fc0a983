package dev.gantry.server;

import dev.gantry.store.RunRecord;
import dev.gantry.store.Store;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A run in a path: its id in the store ({@code 42}), or its queue id ({@code q7}) while it waits to start. Public for
 * the web UI's run page, which names runs as the API does.
 */
public record RunId(boolean queued, long number) {
    /** What a wrong run id is told. */
    public static final String HELP = "A run is named by its id (like 42), or by its queue id (like q7) as the deploy and"
            + " rollback answers give it.";
    private static final Pattern FORM = Pattern.compile("(q?)([0-9]{1,18})");

    /** The run {@code text} names ({@code 42} or {@code q7}), if it names one. */
    public static Optional<RunId> parse(String text) {
        var matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new RunId(!matcher.group(1).isEmpty(), Long.parseLong(matcher.group(2))));
    }

    /** What an id names: the queue's request, while the queue knows it, and the stored run, once it is recorded. */
    public record Found(Optional<QueuedRun> queued, Optional<RunRecord> stored) {
        /** Whether the id names a run at all. */
        public boolean exists() {
            return queued.isPresent() || stored.isPresent();
        }
    }

    /** The run this id names in {@code queue} and {@code store}: by queue id ({@code q7}) or by run id ({@code 42}). */
    public Found find(RunQueue queue, Store store) {
        Optional<QueuedRun> request = queued ? queue.find(number) : queue.byRunId(number);
        Optional<Long> runId = queued ? request.flatMap(QueuedRun::runId) : Optional.of(number);
        return new Found(request, runId.flatMap(store.runs()::find));
    }
}
