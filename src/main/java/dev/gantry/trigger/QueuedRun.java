package dev.gantry.trigger;

import dev.gantry.config.OutputLimits;
import dev.gantry.pipeline.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request in the run queue: its queue id, where it is (queued, running, done, superseded,
 * cancelled), the run id once the pipeline recorded it, its progress so far, and its end.
 */
public final class QueuedRun {
    /** Where a request is in the queue. */
    public enum State {
        QUEUED, RUNNING, DONE, SUPERSEDED, CANCELLED;

        /** The lower-case word shown in the API. */
        public String word() {
            return name().toLowerCase();
        }
    }

    private final long id;
    private final RunRequest request;
    private final Instant queuedAt;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final EventBuffer events;
    private final int replayLines;
    private final long replayMax;
    private final List<ProgressFeed> feeds = new ArrayList<>();
    private State state = State.QUEUED;
    private long runId;
    private boolean succeeded;
    private String message = "";
    private String failedStage;
    private RunOutcome outcome;

    QueuedRun(long id, RunRequest request, Instant queuedAt) {
        this(id, request, queuedAt, OutputLimits.DEFAULTS);
    }

    /** A request whose progress keeps the lines {@code limits} allow (output/replay-lines, output/replay-max). */
    QueuedRun(long id, RunRequest request, Instant queuedAt, OutputLimits limits) {
        this.replayLines = limits.replayLines();
        this.replayMax = limits.replayMax();
        this.events = new EventBuffer(replayLines, replayMax);
        this.id = id;
        this.request = request;
        this.queuedAt = queuedAt;
    }

    /** The queue's id of this request (not the run id, which exists only once it started). */
    public long id() {
        return id;
    }

    /** What was asked. */
    public RunRequest request() {
        return request;
    }

    /** When it was queued. */
    public Instant queuedAt() {
        return queuedAt;
    }

    /** Where it is now. */
    public synchronized State state() {
        return state;
    }

    /** The run's id in the store, once the pipeline recorded it. */
    public synchronized Optional<Long> runId() {
        return runId == 0 ? Optional.empty() : Optional.of(runId);
    }

    /** Whether it ended and succeeded. */
    public synchronized boolean succeeded() {
        return succeeded;
    }

    /** Why it ended as it did (empty while it runs, and when it succeeded). */
    public synchronized String message() {
        return message;
    }

    /** The first stage that failed, if one did. */
    public synchronized Optional<String> failedStage() {
        return Optional.ofNullable(failedStage);
    }

    /** The release that went live, if it succeeded. */
    public synchronized Optional<RunOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** Whether it has ended: done, superseded or cancelled. */
    public synchronized boolean isOver() {
        return state != State.QUEUED && state != State.RUNNING;
    }

    /** Waits at most {@code timeout} for it to end; answers whether it did. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Its progress: every event kept so far, then each one as it happens, ending with {@link Progress.End};
     * lines left out (beyond the bounds) are said as a line that counts them.
     */
    public synchronized ProgressFeed subscribe() {
        ProgressFeed feed = new ProgressFeed(events.events(), replayLines, replayMax, this::unsubscribe);
        if (!isOver()) {
            feeds.add(feed);
        }
        return feed;
    }

    private synchronized void unsubscribe(ProgressFeed feed) {
        feeds.remove(feed);
    }

    synchronized void publish(Progress event) {
        events.add(event);
        feeds.forEach(feed -> feed.offer(event));
    }

    synchronized void started() {
        state = State.RUNNING;
    }

    synchronized void recorded(long runId) {
        this.runId = runId;
    }

    synchronized void stageFailed(String stage) {
        if (failedStage == null) {
            failedStage = stage;
        }
    }

    /** It ended well: a release live, or, with no outcome, nothing that needed to change. */
    synchronized void succeeded(Optional<RunOutcome> outcome) {
        this.outcome = outcome.orElse(null);
        end(State.DONE, true, outcome.isPresent() ? "" : request.service() + " needed no change");
    }

    synchronized void end(State state, boolean succeeded, String message) {
        this.state = state;
        this.succeeded = succeeded;
        this.message = message;
        publish(new Progress.End(state.word(), succeeded, runId, message));
        feeds.clear();
        ended.countDown();
    }
}
