package dev.gantry.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.discovery.Colour;
import dev.gantry.image.ImageReference;
import dev.gantry.pipeline.RunOutcome;
import dev.gantry.source.Release;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue's order, parallelism and supersede, with an executor whose runs end when the test says. */
class RunQueueTest {
    private final GatedExecutor executor = new GatedExecutor();
    private RunQueue queue;

    @AfterEach
    void stop() {
        executor.releaseAll();
        queue.close();
    }

    @Test
    void runsTheRequestsOfOneServiceOneAtATimeInOrder() throws InterruptedException {
        queue = new RunQueue(executor, 4, true, QueueObserver.NONE);

        QueuedRun first = queue.submit(RunRequest.deploy("books", "books:1", "test", RunListener.SILENT));
        QueuedRun second = queue.submit(RunRequest.deploy("books", "books:2", "test", RunListener.SILENT));
        QueuedRun third = queue.submit(RunRequest.rollback("books", "test", RunListener.SILENT));

        executor.awaitStarted("deploy of books:1");
        assertThat(second.state()).isEqualTo(QueuedRun.State.QUEUED);
        assertThat(queue.depth()).isEqualTo(2);
        executor.release("deploy of books:1");
        executor.awaitStarted("deploy of books:2");
        assertThat(third.state()).isEqualTo(QueuedRun.State.QUEUED);
        executor.release("deploy of books:2");
        executor.awaitStarted("rollback");
        executor.release("rollback");

        assertThat(third.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(executor.order()).containsExactly("deploy of books:1", "deploy of books:2", "rollback");
        assertThat(List.of(first, second, third)).allSatisfy(run -> {
            assertThat(run.state()).isEqualTo(QueuedRun.State.DONE);
            assertThat(run.succeeded()).isTrue();
        });
    }

    @Test
    void aScaleThatNeedsNoChangeEndsDoneAndSucceededWithoutARun() throws InterruptedException {
        queue = new RunQueue((request, listener) -> Optional.empty(), 1, true, QueueObserver.NONE);

        QueuedRun scale = queue.submit(RunRequest.scale("books", 3, "alertmanager", RunListener.SILENT));

        assertThat(scale.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(scale.state()).isEqualTo(QueuedRun.State.DONE);
        assertThat(scale.succeeded()).isTrue();
        assertThat(scale.runId()).isEmpty();
        assertThat(scale.outcome()).isEmpty();
        assertThat(scale.message()).isEqualTo("books needed no change");
        assertThat(scale.request().describe()).isEqualTo("scale to 3 replica(s)");
    }

    @Test
    void runsDifferentServicesSideBySideUpToTheLimit() throws InterruptedException {
        queue = new RunQueue(executor, 2, true, QueueObserver.NONE);

        queue.submit(RunRequest.deploy("books", "books:1", "test", RunListener.SILENT));
        queue.submit(RunRequest.deploy("users", "users:1", "test", RunListener.SILENT));
        QueuedRun third = queue.submit(RunRequest.deploy("orders", "orders:1", "test", RunListener.SILENT));

        executor.awaitStarted("deploy of books:1");
        executor.awaitStarted("deploy of users:1");
        assertThat(queue.running()).isEqualTo(2);
        assertThat(third.state()).isEqualTo(QueuedRun.State.QUEUED);
        assertThat(executor.isStarted("deploy of orders:1")).isFalse();
        executor.release("deploy of users:1");
        executor.awaitStarted("deploy of orders:1");
        assertThat(executor.isStarted("deploy of orders:1")).isTrue();
        assertThat(queue.running()).isEqualTo(2);
    }

    @Test
    void aNewerRunSupersedesTheOlderQueuedRunOfItsService() throws InterruptedException {
        queue = new RunQueue(executor, 2, true, QueueObserver.NONE);

        QueuedRun running = queue.submit(run("books", "aaaaaaaaaaaa"));
        executor.awaitStarted("run of aaaaaaaaaaaa");
        QueuedRun older = queue.submit(run("books", "bbbbbbbbbbbb"));
        QueuedRun deploy = queue.submit(RunRequest.deploy("books", "books:9", "test", RunListener.SILENT));
        QueuedRun other = queue.submit(run("users", "cccccccccccc"));
        QueuedRun newer = queue.submit(run("books", "dddddddddddd"));

        assertThat(older.state()).isEqualTo(QueuedRun.State.SUPERSEDED);
        assertThat(older.message()).contains("superseded by queued request " + newer.id());
        assertThat(older.awaitEnd(Duration.ZERO)).isTrue();
        assertThat(running.state()).isEqualTo(QueuedRun.State.RUNNING);
        executor.awaitStarted("run of cccccccccccc");
        assertThat(List.of(deploy, newer)).allSatisfy(r -> assertThat(r.state()).isEqualTo(QueuedRun.State.QUEUED));
        executor.releaseAll();
        assertThat(newer.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(other.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(executor.order()).containsSubsequence("run of aaaaaaaaaaaa", "deploy of books:9", "run of dddddddddddd")
                .doesNotContain("run of bbbbbbbbbbbb");
    }

    @Test
    void aCommitAlreadyQueuedOrRunningIsNotQueuedAgain() throws InterruptedException {
        queue = new RunQueue(executor, 4, true, QueueObserver.NONE);

        QueuedRun running = queue.submit(run("books", "aaaaaaaaaaaa"));
        executor.awaitStarted("run of aaaaaaaaaaaa");
        QueuedRun queued = queue.submit(run("books", "bbbbbbbbbbbb"));

        assertThat(queue.submit(run("books", "aaaaaaaaaaaa"))).as("the running one").isSameAs(running);
        assertThat(queue.submit(run("books", "bbbbbbbbbbbb"))).as("the queued one").isSameAs(queued);
        assertThat(queue.submit(run("users", "aaaaaaaaaaaa"))).as("another service's").isNotSameAs(running);
        assertThat(queue.depth()).isEqualTo(1);

        executor.release("run of aaaaaaaaaaaa");
        assertThat(running.awaitEnd(Duration.ofSeconds(10))).isTrue();
        executor.awaitStarted("run of bbbbbbbbbbbb");
        executor.release("run of bbbbbbbbbbbb");
        assertThat(queued.awaitEnd(Duration.ofSeconds(10))).isTrue();
        QueuedRun again = queue.submit(run("books", "aaaaaaaaaaaa"));
        assertThat(again).as("a commit whose run ended may run again").isNotSameAs(running);
    }

    @Test
    void withoutSupersedeEveryQueuedRunRuns() throws InterruptedException {
        queue = new RunQueue(executor, 2, false, QueueObserver.NONE);

        queue.submit(run("books", "aaaaaaaaaaaa"));
        executor.awaitStarted("run of aaaaaaaaaaaa");
        QueuedRun older = queue.submit(run("books", "bbbbbbbbbbbb"));
        QueuedRun newer = queue.submit(run("books", "dddddddddddd"));
        executor.releaseAll();

        assertThat(newer.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(older.state()).isEqualTo(QueuedRun.State.DONE);
        assertThat(executor.order()).containsExactly("run of aaaaaaaaaaaa", "run of bbbbbbbbbbbb", "run of dddddddddddd");
    }

    @Test
    void aFailedRunEndsWithItsMessageAndTheNextOneStarts() throws InterruptedException {
        queue = new RunQueue(executor, 1, true, QueueObserver.NONE);
        executor.failing("deploy of books:1", "books:1 is not in the registry");

        QueuedRun failed = queue.submit(RunRequest.deploy("books", "books:1", "test", RunListener.SILENT));
        QueuedRun next = queue.submit(RunRequest.deploy("books", "books:2", "test", RunListener.SILENT));
        executor.releaseAll();

        assertThat(next.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(failed.state()).isEqualTo(QueuedRun.State.DONE);
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.message()).isEqualTo("books:1 is not in the registry");
        assertThat(next.succeeded()).isTrue();
    }

    @Test
    void subscribersHearTheProgressSoFarThenTheRestUntilTheEnd() throws InterruptedException {
        queue = new RunQueue(executor, 1, true, QueueObserver.NONE);

        QueuedRun run = queue.submit(RunRequest.deploy("books", "books:1", "test", RunListener.SILENT));
        executor.awaitStarted("deploy of books:1");
        executor.warn("deploy of books:1", "first");
        ProgressFeed feed = run.subscribe();
        executor.warn("deploy of books:1", "second");
        executor.release("deploy of books:1");

        List<Progress> heard = new ArrayList<>();
        Progress event;
        do {
            event = feed.next(Duration.ofSeconds(10)).orElseThrow();
            heard.add(event);
        } while (!(event instanceof Progress.End));
        assertThat(heard).containsExactly(new Progress.Line("", "warning: first"),
                new Progress.Line("", "warning: second"), new Progress.End("done", true, 0, ""));
    }

    @Test
    void shutdownCancelsTheQueuedRunsRefusesNewOnesAndWaitsForTheRunningOne() throws InterruptedException {
        queue = new RunQueue(executor, 1, true, QueueObserver.NONE);
        QueuedRun running = queue.submit(RunRequest.deploy("books", "books:1", "test", RunListener.SILENT));
        QueuedRun waiting = queue.submit(RunRequest.deploy("books", "books:2", "test", RunListener.SILENT));
        executor.awaitStarted("deploy of books:1");

        assertThat(queue.shutdown(Duration.ZERO)).isFalse();
        assertThat(waiting.state()).isEqualTo(QueuedRun.State.CANCELLED);
        assertThatThrownBy(() -> queue.submit(RunRequest.rollback("books", "test", RunListener.SILENT)))
                .isInstanceOf(QueueClosedException.class);
        executor.release("deploy of books:1");
        assertThat(running.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(running.succeeded()).isTrue();
    }

    @Test
    void pastItsBoundTheQueueRefusesARequestAndChangesNothing() throws InterruptedException {
        queue = new RunQueue(executor, 1, true, 2, QueueObserver.NONE);
        queue.submit(RunRequest.deploy("books", "books:1", "test", RunListener.SILENT));
        executor.awaitStarted("deploy of books:1");
        queue.submit(RunRequest.deploy("books", "books:2", "test", RunListener.SILENT));
        queue.submit(run("users", "u1"));

        assertThatThrownBy(() -> queue.submit(RunRequest.rollback("books", "test", RunListener.SILENT)))
                .isInstanceOf(QueueFullException.class)
                .hasMessage("The run queue is full: 2 requests wait already (server-max-queued-runs), so the rollback"
                        + " of books was not queued. Try again once the queue has shrunk (GET /api/v1/queue), or raise"
                        + " server-max-queued-runs in config.yml.");
        assertThat(queue.depth()).isEqualTo(2);
        assertThat(queue.submit(run("users", "u2")).state()).as("it supersedes u1, so the queue does not grow")
                .isEqualTo(QueuedRun.State.QUEUED);
        assertThat(queue.depth()).isEqualTo(2);
    }

    @Test
    void aQueuedRequestIsCancelledNeverRunsAndTheObserverHearsItsEnd() throws InterruptedException {
        List<QueuedRun> ended = new CopyOnWriteArrayList<>();
        queue = new RunQueue(executor, 1, true, new QueueObserver() {
            @Override
            public void ended(QueuedRun run) {
                ended.add(run);
            }
        });
        QueuedRun running = queue.submit(RunRequest.deploy("books", "books:1", "test", RunListener.SILENT));
        QueuedRun waiting = queue.submit(RunRequest.deploy("books", "books:2", "test", RunListener.SILENT));
        QueuedRun after = queue.submit(RunRequest.rollback("books", "test", RunListener.SILENT));
        executor.awaitStarted("deploy of books:1");

        Cancellation cancelled = queue.cancel(waiting.id(), "api (token ci)");

        assertThat(cancelled.outcome()).isEqualTo(Cancellation.Outcome.CANCELLED);
        assertThat(cancelled.run()).containsSame(waiting);
        assertThat(cancelled.refusal("q" + waiting.id())).isEmpty();
        assertThat(waiting.state()).isEqualTo(QueuedRun.State.CANCELLED);
        assertThat(waiting.succeeded()).isFalse();
        assertThat(waiting.message()).isEqualTo("cancelled by api (token ci)");
        assertThat(waiting.awaitEnd(Duration.ZERO)).isTrue();
        assertThat(queue.depth()).isEqualTo(1);
        assertThat(queue.active()).containsExactly(running, after);
        assertThat(queue.find(waiting.id())).containsSame(waiting);
        assertThat(ended).containsExactly(waiting);
        executor.release("deploy of books:1");
        executor.awaitStarted("rollback");
        executor.release("rollback");
        assertThat(after.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(executor.order()).containsExactly("deploy of books:1", "rollback");
    }

    @Test
    void aRunningOneAnEndedOneAndAnUnknownIdAreNotCancelledAndTheAnswerSaysWhy() throws InterruptedException {
        queue = new RunQueue(executor, 1, true, QueueObserver.NONE);
        QueuedRun running = queue.submit(RunRequest.deploy("books", "books:1", "test", RunListener.SILENT));
        QueuedRun waiting = queue.submit(RunRequest.deploy("books", "books:2", "test", RunListener.SILENT));
        executor.awaitStarted("deploy of books:1");
        queue.cancel(waiting.id(), "ui (token alice)");

        Cancellation ofRunning = queue.cancel(running.id(), "api (token ci)");
        Cancellation ofOver = queue.cancel(waiting.id(), "api (token ci)");
        Cancellation ofUnknown = queue.cancel(99, "api (token ci)");

        assertThat(ofRunning.outcome()).isEqualTo(Cancellation.Outcome.RUNNING);
        assertThat(ofRunning.refusal("q1")).startsWith("The queued request q1 is running already, so it cannot be"
                + " cancelled");
        assertThat(running.state()).isEqualTo(QueuedRun.State.RUNNING);
        assertThat(ofOver.outcome()).isEqualTo(Cancellation.Outcome.OVER);
        assertThat(ofOver.refusal("q2")).isEqualTo("The queued request q2 has ended already (cancelled), so there is"
                + " nothing to cancel.");
        assertThat(waiting.message()).as("the first cancel stands").isEqualTo("cancelled by ui (token alice)");
        assertThat(ofUnknown.outcome()).isEqualTo(Cancellation.Outcome.UNKNOWN);
        assertThat(ofUnknown.run()).isEmpty();
        assertThat(ofUnknown.refusal("q99")).startsWith("The run queue knows no request q99");
        executor.release("deploy of books:1");
        assertThat(running.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(running.succeeded()).isTrue();
    }

    private static RunRequest run(String service, String commit) {
        ServiceSource source = new ServiceSource(Path.of("/nonexistent"), "", new Release(commit, "title", false));
        return RunRequest.run(service, source, "test", RunListener.SILENT);
    }

    /** Each request runs until the test releases it; records the order they started in. */
    private static final class GatedExecutor implements RunExecutor {
        private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> started = new ConcurrentHashMap<>();
        private final Map<String, RunListener> listeners = new ConcurrentHashMap<>();
        private final Map<String, String> failures = new ConcurrentHashMap<>();
        private final List<String> order = new ArrayList<>();
        private volatile boolean releaseAll;

        @Override
        public Optional<RunOutcome> execute(RunRequest request, RunListener listener) {
            String what = request.describe();
            synchronized (order) {
                order.add(what);
            }
            listeners.put(what, listener);
            startedLatch(what).countDown();
            try {
                if (!releaseAll) {
                    gate(what).await(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failures.containsKey(what)) {
                throw new IllegalStateException(failures.get(what));
            }
            return Optional.of(new RunOutcome(0, request.service(), "release", ImageReference.parse("127.0.0.1:5000/x:1"),
                    Colour.BLUE, "http://127.0.0.1", Duration.ZERO));
        }

        void awaitStarted(String what) throws InterruptedException {
            assertThat(startedLatch(what).await(10, TimeUnit.SECONDS)).as(what + " started").isTrue();
        }

        boolean isStarted(String what) {
            return startedLatch(what).getCount() == 0;
        }

        void release(String what) {
            gate(what).countDown();
        }

        void releaseAll() {
            releaseAll = true;
            gates.values().forEach(CountDownLatch::countDown);
        }

        void failing(String what, String message) {
            failures.put(what, message);
        }

        void warn(String what, String message) {
            listeners.get(what).warning(message);
        }

        List<String> order() {
            synchronized (order) {
                return List.copyOf(order);
            }
        }

        private CountDownLatch gate(String what) {
            return gates.computeIfAbsent(what, w -> new CountDownLatch(releaseAll ? 0 : 1));
        }

        private CountDownLatch startedLatch(String what) {
            return started.computeIfAbsent(what, w -> new CountDownLatch(1));
        }
    }
}
