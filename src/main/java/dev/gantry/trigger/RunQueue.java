package dev.gantry.trigger;

import dev.gantry.Reason;
import dev.gantry.config.OutputLimits;
import dev.gantry.config.ServerLimits;
import dev.gantry.pipeline.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's run queue (docs/server.md): the requests of one service run one at a time, in the
 * order they came; different services run side by side, at most {@code parallel} at once. With
 * {@code supersede}, a run (kind {@code run}) of a service drops the older runs of that service that
 * are still queued: only the newest commit is worth building. A run of a commit that is already
 * queued or running for its service is not queued again (a webhook and a poll can both see one push).
 * At most {@code maxQueued} requests wait; one more is refused with {@link QueueFullException}. A request that still
 * waits can be cancelled ({@link #cancel}); one that runs is not stopped.
 */
public final class RunQueue implements AutoCloseable {
    private static final int FINISHED_KEPT = 100;

    private final RunExecutor executor;
    private final int parallel;
    private final boolean supersede;
    private final int maxQueued;
    private final QueueObserver observer;
    private final OutputLimits limits;
    private final ExecutorService threads;
    private final List<QueuedRun> pending = new ArrayList<>();
    private final Set<String> busy = new HashSet<>();
    private final Map<Long, QueuedRun> known = new LinkedHashMap<>();
    private long lastId;
    private boolean closed;

    /** A queue that runs requests with {@code executor}; {@code observer} hears each run; the default bounds. */
    public RunQueue(RunExecutor executor, int parallel, boolean supersede, QueueObserver observer) {
        this(executor, parallel, supersede, ServerLimits.DEFAULTS.queuedRuns(), observer);
    }

    /** A queue that keeps at most {@code maxQueued} requests waiting and refuses more ({@link QueueFullException}). */
    public RunQueue(RunExecutor executor, int parallel, boolean supersede, int maxQueued, QueueObserver observer) {
        this(executor, parallel, supersede, maxQueued, observer, OutputLimits.DEFAULTS);
    }

    /** As above; each run keeps as much of its progress as {@code limits} allow (output/replay-*). */
    public RunQueue(RunExecutor executor, int parallel, boolean supersede, int maxQueued, QueueObserver observer,
                    OutputLimits limits) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
        }
        this.executor = executor;
        this.parallel = parallel;
        this.supersede = supersede;
        this.maxQueued = maxQueued;
        this.observer = observer;
        this.limits = limits;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "gantry-run-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Queues {@code request}; it starts as soon as its service is free and a slot is. A run of the
     * same commit of the service already queued or running answers that one instead.
     */
    public QueuedRun submit(RunRequest request) {
        List<QueuedRun> dropped = new ArrayList<>();
        QueuedRun run;
        synchronized (this) {
            if (closed) {
                throw new QueueClosedException();
            }
            Optional<QueuedRun> same = active().stream().filter(other -> other.request().sameRun(request)).findFirst();
            if (same.isPresent()) {
                return same.get();
            }
            if (supersede && request.kind() == RunKind.RUN) {
                pending.stream().filter(older -> older.request().kind() == RunKind.RUN
                        && older.request().service().equals(request.service())).forEach(dropped::add);
            }
            if (pending.size() - dropped.size() >= maxQueued) {
                throw new QueueFullException(maxQueued, request);  // before anything changed
            }
            pending.removeAll(dropped);
            run = new QueuedRun(++lastId, request, Instant.now(), limits);
            pending.add(run);
            remember(run);
        }
        for (QueuedRun older : dropped) {
            older.end(QueuedRun.State.SUPERSEDED, false, "superseded by queued request " + run.id() + " ("
                    + request.describe() + "), which is newer");
            observer.ended(older);
        }
        dispatch();
        return run;
    }

    /**
     * Cancels the request {@code queueId} if it is still queued: it leaves the queue and ends as cancelled, its message
     * naming who cancelled it ({@code by}, like "api (token ci)"). A request that runs already is not stopped, and
     * one that ended stays as it ended; the answer says which.
     */
    public Cancellation cancel(long queueId, String by) {
        QueuedRun run;
        synchronized (this) {
            run = known.get(queueId);
            if (run == null) {
                return new Cancellation(Cancellation.Outcome.UNKNOWN, Optional.empty());
            }
            if (!pending.remove(run)) {  // only a queued request is pending; under this lock it cannot start meanwhile
                return new Cancellation(run.isOver() ? Cancellation.Outcome.OVER : Cancellation.Outcome.RUNNING,
                        Optional.of(run));
            }
            run.end(QueuedRun.State.CANCELLED, false, "cancelled by " + by);  // ended before another cancel looks
        }
        observer.ended(run);
        return new Cancellation(Cancellation.Outcome.CANCELLED, Optional.of(run));
    }

    /** The requests queued and running, oldest first. */
    public synchronized List<QueuedRun> active() {
        return known.values().stream().filter(run -> !run.isOver()).toList();
    }

    /** A request the queue knows (active, or among the last finished), by its queue id. */
    public synchronized Optional<QueuedRun> find(long id) {
        return Optional.ofNullable(known.get(id));
    }

    /** The request whose run has id {@code runId} in the store, if the queue still knows it. */
    public synchronized Optional<QueuedRun> byRunId(long runId) {
        return known.values().stream().filter(run -> run.runId().orElse(0L) == runId).findFirst();
    }

    /** How many requests wait for their turn (not counting the running ones). */
    public synchronized int depth() {
        return pending.size();
    }

    /** How many requests run now. */
    public synchronized int running() {
        return busy.size();
    }

    /**
     * Takes no new requests, cancels the queued ones and waits at most {@code grace} for the running
     * ones; answers whether they all ended. Runs still going when the process exits are recovered
     * from their journal at the next start.
     */
    public boolean shutdown(Duration grace) throws InterruptedException {
        closeAndCancelPending();
        threads.shutdown();
        return threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops at once: takes no new requests, cancels the queued ones and interrupts the running ones. */
    @Override
    public void close() {
        closeAndCancelPending();
        threads.shutdownNow();
    }

    /** Closes the queue and ends its pending requests as cancelled, so that no finishing run starts one. */
    private void closeAndCancelPending() {
        List<QueuedRun> cancelled;
        synchronized (this) {
            closed = true;
            cancelled = List.copyOf(pending);
            pending.clear();
        }
        for (QueuedRun run : cancelled) {
            run.end(QueuedRun.State.CANCELLED, false, "cancelled: the server stopped before it started");
            observer.ended(run);
        }
    }

    /** Starts the oldest pending requests whose services are free, while slots are. */
    private void dispatch() {
        List<QueuedRun> starting = new ArrayList<>();
        synchronized (this) {
            for (QueuedRun run : List.copyOf(pending)) {
                String service = run.request().service();
                if (busy.size() >= parallel) {
                    break;
                }
                if (!busy.contains(service)) {
                    busy.add(service);
                    pending.remove(run);
                    run.started();
                    starting.add(run);
                }
            }
        }
        starting.forEach(run -> threads.execute(() -> execute(run)));
    }

    private void execute(QueuedRun run) {
        RunRequest request = run.request();
        var listener = new FanOutListener(List.of(new ProgressRecorder(run), request.listener(),
                observer.listenerFor(run)));
        try {
            run.succeeded(executor.execute(request, listener));
        } catch (RuntimeException e) {
            run.end(QueuedRun.State.DONE, false, Reason.of(e));
        } finally {
            synchronized (this) {
                busy.remove(request.service());
            }
            observer.ended(run);
            dispatch();
        }
    }

    private void remember(QueuedRun run) {
        known.put(run.id(), run);
        List<Long> finished = known.values().stream().filter(QueuedRun::isOver).map(QueuedRun::id).toList();
        for (int i = 0; i < finished.size() - FINISHED_KEPT; i++) {
            known.remove(finished.get(i));
        }
    }
}
