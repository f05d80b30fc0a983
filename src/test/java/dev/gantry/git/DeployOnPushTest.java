package dev.gantry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.pipeline.RunOutcome;
import dev.gantry.stage.RunListener;
import dev.gantry.stage.Stage;
import dev.gantry.store.KnownService;
import dev.gantry.store.StageState;
import dev.gantry.trigger.QueueObserver;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunKind;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push received by JGit's ReceivePack from a request body (as {@link SmartHttp} receives it), with
 * {@link DeployOnPush} as its hook, a real {@link RunQueue} and an executor that records what it is asked.
 */
class DeployOnPushTest {
    private static final KnownService SHOP = new KnownService("shop", Optional.empty(), "main", Instant.EPOCH);
    /** A thread each for pushes and stops that block (the common pool may have a single thread). */
    private static final Executor ASIDE = runnable -> Thread.ofVirtual().start(runnable);

    @TempDir
    Path dir;

    private final List<RunRequest> asked = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch carryOn = new CountDownLatch(1);
    private final CountDownLatch finish = new CountDownLatch(1);
    private boolean blocking;
    private final AtomicReference<Optional<String>> withdrawn = new AtomicReference<>(Optional.empty());
    private RunQueue queue;
    private Git work;
    private Path bare;

    @BeforeEach
    void setUp() throws Exception {
        queue = new RunQueue(this::execute, 2, true, QueueObserver.NONE);
        work = Git.init().setDirectory(dir.resolve("work").toFile()).setInitialBranch("main").call();
        bare = dir.resolve("shop.git");
        try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).setBare().build()) {
            repo.create(true);
            repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + "main");
        }
    }

    @AfterEach
    void tearDown() {
        finish.countDown();
        carryOn.countDown();
        queue.close();
        work.close();
    }

    @Test
    void aPushToTheDeployBranchQueuesOneRunOfItsCommitAndTellsItsProgressAsRemoteLines() throws Exception {
        ObjectId commit = commit("First");
        String output = push("refs/heads/main", ObjectId.zeroId(), commit, new ByteArrayOutputStream());

        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.service()).isEqualTo("shop");
            assertThat(request.kind()).isEqualTo(RunKind.RUN);
            assertThat(request.source().orElseThrow().release().commit()).isEqualTo(commit.name());
            assertThat(request.trigger()).isEqualTo("git push (token ci)");
        });
        assertThat(output).contains("gantry: deploying " + commit.name().substring(0, 12) + " of shop (queued as q1)",
                "run 7: shop at " + commit.name().substring(0, 7), "test: started", "test: passed (1.2s)",
                "run 7 succeeded: live at http://127.0.0.1:8080/shop");
        assertThat(bareHead("main")).isEqualTo(commit);
        assertThat(logged.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aPushToAnotherBranchIsStoredOnlyAndSaysSo() throws Exception {
        ObjectId commit = commit("A feature");
        String output = push("refs/heads/feature", ObjectId.zeroId(), commit, new ByteArrayOutputStream());

        assertThat(output).contains("gantry: stored refs/heads/feature; not deployed: shop deploys branch main")
                .doesNotContain("deploying");
        assertThat(asked).isEmpty();
        assertThat(bareHead("feature")).isEqualTo(commit);
    }

    @Test
    void aCommitTitleAndARefNameWithControlsReachThePusherEscaped() throws Exception {
        ObjectId commit = commit("Title \u001b[2J\u001b]8;;http://evil.example\u001b\\link\u0007 \u202eesrever");
        String deployed = push("refs/heads/main", ObjectId.zeroId(), commit, new ByteArrayOutputStream());
        String stored = push("refs/heads/evil\u202e\u009b", ObjectId.zeroId(), commit, new ByteArrayOutputStream());

        assertThat(deployed).contains("\"Title \\x1b[2J\\x1b]8;;http://evil.example\\x1b\\link\\x07 \\u202eesrever\"")
                .doesNotContain("\u001b", "\u0007", "\u202e");
        // the protocol's own status ("ok refs/heads/...") names the ref as the pusher sent it; the message does not
        assertThat(stored.lines().filter(line -> line.contains("gantry: stored"))).singleElement().asString()
                .contains("gantry: stored refs/heads/evil\\u202e\\x9b; not deployed").doesNotContain("\u202e", "\u009b");
    }

    @Test
    void aBranchDeletionRunsNothingAndTheDeployBranchCannotBeDeleted() throws Exception {
        ObjectId commit = commit("A feature");
        push("refs/heads/feature", ObjectId.zeroId(), commit, new ByteArrayOutputStream());
        String output = push("refs/heads/feature", commit, ObjectId.zeroId(), new ByteArrayOutputStream());

        assertThat(output).contains("gantry: deleted refs/heads/feature; nothing deployed").doesNotContain("deploying");
        assertThat(asked).isEmpty();
        assertThat(bareHead("feature")).isNull();

        ObjectId main = commit("Deployed");
        push("refs/heads/main", ObjectId.zeroId(), main, new ByteArrayOutputStream());
        String deleted = push("refs/heads/main", main, ObjectId.zeroId(), new ByteArrayOutputStream());
        assertThat(deleted).as("the deploy branch is kept").contains("Gantry deploys this branch; it cannot be deleted")
                .doesNotContain("deploying");
        assertThat(asked).as("only the push of main ran").hasSize(1);
        assertThat(bareHead("main")).isEqualTo(main);
    }

    @Test
    void aPusherThatGoesAwayStopsTheFollowingInOneLogLineWhileItsRunGoesOnToItsEnd() throws Exception {
        blocking = true;
        ObjectId commit = commit("First");
        AtomicBoolean away = new AtomicBoolean();
        OutputStream pusher = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (away.get()) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        CompletableFuture<String> pushing = CompletableFuture.supplyAsync(() -> {
            try {
                return push("refs/heads/main", ObjectId.zeroId(), commit, pusher);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        away.set(true);
        carryOn.countDown();

        pushing.get(30, TimeUnit.SECONDS);
        QueuedRun run = queue.find(1).orElseThrow();
        assertThat(run.state()).as("the run goes on after the push ended").isEqualTo(QueuedRun.State.RUNNING);
        finish.countDown();
        assertThat(run.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(run.succeeded()).isTrue();
        assertThat(logged.toString(StandardCharsets.UTF_8)).isEqualTo("git push of shop by token ci: the pusher went"
                + " away; queued run q1 goes on without it\n");
    }

    @Test
    void aTokenRevokedWhileItsPushFollowsTheRunEndsThePushWithALastLineAndTheRunGoesOn() throws Exception {
        blocking = true;
        ObjectId commit = commit("First");
        CompletableFuture<String> pushing = pushAsync(commit, ObjectId.zeroId());
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        withdrawn.set(Optional.of("the token ci was revoked"));
        String output = pushing.get(30, TimeUnit.SECONDS);

        assertThat(output).contains("gantry: the token ci was revoked, so this push stops following run q1; the run goes"
                + " on (follow it with a valid token: GET /api/v1/runs/q1)").doesNotContain("succeeded");
        QueuedRun run = queue.find(1).orElseThrow();
        assertThat(run.state()).isEqualTo(QueuedRun.State.RUNNING);
        carryOn.countDown();
        finish.countDown();
        assertThat(run.awaitEnd(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aPushCancelledInTheQueueByAStopSaysItsCommitIsStoredAndRunsAtTheNextStart() throws Exception {
        blocking = true;
        ObjectId first = commit("First");
        CompletableFuture<String> firstPush = pushAsync(first, ObjectId.zeroId());
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        ObjectId second = commit("Second");
        CompletableFuture<String> secondPush = pushAsync(second, first);
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.find(2).isPresent());

        CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.shutdown(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, ASIDE);
        String cancelled = secondPush.get(30, TimeUnit.SECONDS);
        carryOn.countDown();
        finish.countDown();

        assertThat(cancelled).contains("the run FAILED: cancelled: the server stopped before it started",
                "gantry: the commit is stored; when the server starts again it runs the head of main if that never"
                        + " ran (docs/server.md): no need to push again");
        assertThat(bareHead("main")).isEqualTo(second);
        assertThat(stopping.get(30, TimeUnit.SECONDS)).as("the running run ended within the grace").isTrue();
        assertThat(firstPush.get(30, TimeUnit.SECONDS)).contains("run 7 succeeded")
                .doesNotContain("no need to push again");
    }

    private Optional<RunOutcome> execute(RunRequest request, RunListener listener) {
        asked.add(request);
        var source = request.source().orElseThrow();
        listener.runStarted(7, source.config(), source.release());
        listener.stageStarted(Stage.TEST);
        if (blocking) {
            running.countDown();
            awaitLatch(carryOn);
            listener.warning("the pusher is gone by now");
            awaitLatch(finish);
        }
        listener.stageFinished(Stage.TEST, StageState.PASSED, Duration.ofMillis(1200), null);
        return Optional.of(new RunOutcome(7, "shop", source.release().commit(), null, null, "http://127.0.0.1:8080/shop",
                Duration.ofSeconds(2)));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<String> pushAsync(ObjectId commit, ObjectId previous) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return push("refs/heads/main", previous, commit, new ByteArrayOutputStream());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, ASIDE);
    }

    /** Pushes through SmartHttp's receive with DeployOnPush as hook; answers what the pusher read (if it could). */
    private String push(String ref, ObjectId oldId, ObjectId newId, OutputStream out) throws Exception {
        byte[] body = PushRequest.of(work.getRepository(), ref, oldId, newId);
        var answer = new ByteArrayOutputStream();
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                answer.write(b);
            }
        };
        var log = new PrintStream(logged, true, StandardCharsets.UTF_8);
        SmartHttp.receive(new ByteArrayInputStream(body), both, openBare(),
                connection -> new DeployOnPush(queue, SHOP, bare, "ci", connection, log, withdrawn::get));
        return answer.toString(StandardCharsets.UTF_8);
    }

    private ObjectId commit(String message) throws Exception {
        Path tiny = Path.of(getClass().getClassLoader().getResource("services/tiny/gantry.yml").toURI());
        Files.writeString(dir.resolve("work/gantry.yml"), Files.readString(tiny).replace("service: tiny", "service: shop"));
        work.add().addFilepattern(".").call();
        return work.commit().setMessage(message).setSign(false).call().getId();
    }

    private Repository openBare() throws IOException {
        return new FileRepositoryBuilder().setGitDir(bare.toFile()).setBare().build();
    }

    private ObjectId bareHead(String branch) throws IOException {
        try (Repository repo = openBare()) {
            return repo.resolve(Constants.R_HEADS + branch);
        }
    }
}
