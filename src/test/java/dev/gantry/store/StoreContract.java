package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.TemporalUnitOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the store does on every database it runs on, written once: {@code StoreOnSqliteTest} runs it on
 * a SQLite file, {@code StoreOnPostgresIT} on a database of its own on the real PostgreSQL server. Each
 * test starts from a new, empty store; several {@link Store}s on one URL stand for gantry processes.
 */
abstract class StoreContract {
    private static final Instant T0 = Instant.parse("2026-11-26T19:40:02Z");

    private final List<Store> opened = new ArrayList<>();
    private String url;
    private Store store;

    /** The URL of a new, empty store for one test. */
    abstract String newStore();

    /** Removes what {@link #newStore()} made; its stores are closed. */
    abstract void removeStore();

    @BeforeEach
    void open() {
        url = newStore();
        store = another();
    }

    @AfterEach
    void close() {
        try {
            opened.forEach(Store::close);
        } finally {
            removeStore();
        }
    }

    /** One more store on this test's URL, as another gantry process would open it. */
    Store another() {
        Store next = Store.open(url);
        opened.add(next);
        return next;
    }

    @Test
    void aStatementOnAnInterruptedVirtualThreadLeavesTheStoreWorking() throws Exception {
        List<Object> seen = new ArrayList<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            seen.add(store.runs().start(run("books-ms", "c1")));
            seen.add(Thread.currentThread().isInterrupted());
        });
        thread.join();

        assertThat(seen).as("the run's id, then whether the thread is still interrupted").hasSize(2).last().isEqualTo(true);
        assertThat(store.runs().history("books-ms", 5)).hasSize(1);
    }

    @Test
    void aRunAndItsStagesReadBackInAnotherProcessWithTheirTimes() {
        Instant before = Instant.now();
        long id = store.runs().start(run("books-ms", "c1"));
        List<String> stages = List.of("checkout", "test", "build", "push", "deploy", "cleanup");
        stages.forEach(stage -> store.runs().stageStarted(id, stage));
        store.runs().stageFinished(id, "test", StageState.FAILED, Optional.of("exited with code 1"),
                Path.of("logs", "test.log"), "FAIL list\n1 passed, 1 failed\n");
        store.runs().stageInterrupted(id, "deploy", "gantry process stopped");
        store.runs().finish(id, RunState.FAILED, Optional.of("test"), Optional.of("tests failed"));

        RunRecord read = another().runs().find(id).orElseThrow();

        assertThat(read.service()).isEqualTo("books-ms");
        assertThat(read.dirty()).isTrue();
        assertThat(read.state()).isEqualTo(RunState.FAILED);
        assertThat(read.failedStage()).contains("test");
        assertThat(read.config()).contains("service: books-ms\n");
        assertThat(read.startedAt()).as("epoch milliseconds past 32 bits").isBetween(before.minusMillis(1),
                Instant.now().plusMillis(1));
        assertThat(read.finishedAt()).hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(read.startedAt()));
        assertThat(read.stages()).as("in the order they were recorded, even within one millisecond")
                .extracting(StageRecord::name).containsExactlyElementsOf(stages);
        assertThat(read.stages().get(1)).satisfies(test -> {
            assertThat(test.state()).isEqualTo(StageState.FAILED);
            assertThat(test.message()).contains("exited with code 1");
            assertThat(test.logPath()).contains(Path.of("logs", "test.log").toString());
        });
        assertThat(read.stages().get(4).state()).isEqualTo(StageState.CANCELLED);
        assertThat(store.runs().stageLog(id, "test")).contains("FAIL list\n1 passed, 1 failed\n");
        assertThat(store.runs().stageLog(id, "build")).isEmpty();
    }

    @Test
    void runIdsGrowAcrossProcessesAndHistoryIsPerServiceNewestFirst() {
        long first = store.runs().start(run("books-ms", "c1"));
        long other = another().runs().start(run("other-ms", "c2"));
        long third = another().runs().start(run("books-ms", "c3"));

        assertThat(List.of(first, other, third)).isSorted().doesNotHaveDuplicates();
        assertThat(store.runs().history("books-ms", 10)).extracting(RunRecord::id).containsExactly(third, first);
        assertThat(store.runs().history("books-ms", 1)).extracting(RunRecord::id).containsExactly(third);
        assertThat(store.runs().find(third + 100)).isEmpty();
    }

    @Test
    void releasesAreTheSucceededRunsThatWentLiveNewestFirst() {
        long first = store.runs().start(run("books-ms", "c1"));
        store.runs().wentLive(first, "blue");
        store.runs().finish(first, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
        long failed = store.runs().start(run("books-ms", "c2"));
        store.runs().finish(failed, RunState.FAILED, Optional.of("deploy"), Optional.of("unhealthy"));
        long rollback = store.runs().start(new NewRun("rollback", "books-ms", "c0", "zero", false, "cli",
                "service: books-ms\n", "r/books-ms:c0"));
        store.runs().wentLive(rollback, "green");
        store.runs().finish(rollback, RunState.SUCCEEDED, Optional.empty(), Optional.empty());

        assertThat(store.runs().releases("books-ms", 10)).extracting(RunRecord::id).containsExactly(rollback, first);
        RunRecord newest = store.runs().releases("books-ms", 1).getFirst();
        assertThat(newest.kind()).isEqualTo("rollback");
        assertThat(newest.colour()).contains("green");
        assertThat(newest.image()).contains("r/books-ms:c0");
        assertThat(newest.dirty()).isFalse();
    }

    @Test
    void discoveryKeysAreSetReplacedDeletedAndListedByLiteralPrefix() {
        Keys keys = store.keys();
        keys.put("/a", "one");
        another().keys().put("/a", "two");
        assertThat(keys.get("/a")).contains("two");
        keys.delete("/a");
        keys.delete("/a");
        assertThat(keys.get("/a")).isEmpty();

        keys.put("/s/b_c/2", "x");
        keys.put("/s/b_c/1", "{\"json\": \"ünïcode\"}");
        keys.put("/s/bxc/1", "not matched by _");
        keys.put("/s/B_C/1", "not matched by case");
        keys.put("/s/b%/1", "not matched by %");
        keys.put("/s/b_c", "shorter than the prefix");

        assertThat(keys.list("/s/b_c/")).containsExactly(entry("/s/b_c/1", "{\"json\": \"ünïcode\"}"),
                entry("/s/b_c/2", "x"));
        assertThat(keys.list("/s/b%")).containsOnlyKeys("/s/b%/1");
        assertThat(keys.list("/none/")).isEmpty();
    }

    @Test
    void theJournalNumbersEffectsPerRunAndKeepsTheirStates() {
        long runId = store.runs().start(run("books-ms", "c1"));
        int first = store.journal().intend(runId, "books-ms", "container", "started books-ms-green-1", "{\"id\":\"a\"}");
        int second = store.journal().intend(runId, "books-ms", "route", "routed to green", "{}");
        int third = store.journal().intend(runId, "books-ms", "discovery", "registered green", "{}");
        store.journal().done(runId, first);
        store.journal().done(runId, second);
        store.journal().undone(runId, first, "the run");
        store.journal().undoFailed(runId, second, "the proxy did not answer");

        List<JournalEntry> entries = another().journal().entries(runId);

        assertThat(List.of(first, second, third)).containsExactly(1, 2, 3);
        assertThat(entries).extracting(JournalEntry::state)
                .containsExactly(JournalState.UNDONE, JournalState.UNDO_FAILED, JournalState.INTENDED);
        assertThat(entries.getFirst()).satisfies(e -> {
            assertThat(e.data()).isEqualTo("{\"id\":\"a\"}");
            assertThat(e.doneAt()).isPresent();
            assertThat(e.undoneAt()).isPresent();
            assertThat(e.undoneBy()).contains("the run");
            assertThat(e.intendedAt()).isCloseTo(Instant.now(), aMinute());
        });
        assertThat(entries.get(1).message()).contains("the proxy did not answer");
        assertThat(store.journal().newest(Optional.of("books-ms"), 2)).extracting(JournalEntry::seq).containsExactly(3, 2);
    }

    @Test
    void unfinishedRunsAreTheRunningOnesAndTheFailedOnesWithEffectsNotTakenBack() {
        long running = store.runs().start(run("books-ms", "c1"));
        long failedUndone = finished(RunState.FAILED, true);
        long failedLeft = finished(RunState.FAILED, false);
        finished(RunState.SUCCEEDED, false);

        assertThat(another().journal().unfinishedRuns()).containsExactly(running, failedLeft);
        assertThat(store.journal().entries(failedUndone)).extracting(JournalEntry::state)
                .containsExactly(JournalState.UNDONE);
        assertThat(store.journal().newest(Optional.empty(), 10)).hasSize(3);
    }

    @Test
    void theInstallationIdIsMadeOnceAndEveryProcessOnTheStoreReadsTheSameOne() {
        Store first = another();
        Store second = another();

        InstallationId id = first.installationId();

        assertThat(id.value()).matches("[a-z0-9]{8}");
        assertThat(second.installationId()).isEqualTo(id);
        assertThat(store.installationId()).isEqualTo(id);
    }

    @Test
    void aRunThatNeedsAttentionIsListedAsSuchAndIsNotUnfinished() {
        long attention = finished(RunState.NEEDS_ATTENTION, false);
        finished(RunState.FAILED, true);

        assertThat(another().runs().needingAttention()).extracting(RunRecord::id).containsExactly(attention);
        assertThat(store.runs().find(attention).orElseThrow().state()).isEqualTo(RunState.NEEDS_ATTENTION);
        assertThat(store.journal().unfinishedRuns()).isEmpty();
    }

    @Test
    void aLeaseIsTakenWhenFreeExpiredOrItsOwnerIsGoneAndOnlyThen() {
        LeaseRecord first = lease("books-ms", "a", T0);
        assertThat(store.leases().take(first, T0, Optional.empty())).isTrue();
        assertThat(another().leases().find("books-ms")).contains(first);

        assertThat(store.leases().take(lease("books-ms", "b", T0.plusSeconds(29)), T0.plusSeconds(29), Optional.empty()))
                .as("held, not expired").isFalse();
        assertThat(store.leases().take(lease("books-ms", "b", T0.plusSeconds(29)), T0.plusSeconds(29), Optional.of("c")))
                .as("held by another owner than the gone one").isFalse();
        assertThat(store.leases().find("books-ms")).contains(first);

        LeaseRecord gone = lease("books-ms", "b", T0.plusSeconds(1));
        assertThat(store.leases().take(gone, T0.plusSeconds(1), Optional.of("a"))).as("owner gone").isTrue();
        LeaseRecord expired = lease("books-ms", "c", T0.plusSeconds(31));
        assertThat(store.leases().take(expired, T0.plusSeconds(31), Optional.empty())).as("expired").isTrue();
        assertThat(store.leases().find("books-ms")).contains(expired);
    }

    @Test
    void renewAttachAndRemoveTouchOnlyTheLeaseAsItWasTaken() {
        LeaseRecord first = lease("books-ms", "a", T0);
        store.leases().take(first, T0, Optional.empty());
        LeaseRecord second = lease("books-ms", "b", T0.plusSeconds(31));
        another().leases().take(second, T0.plusSeconds(31), Optional.empty());

        assertThat(store.leases().renew(first, T0.plusSeconds(90))).isFalse();
        assertThat(store.leases().attach(first, 7)).isFalse();
        assertThat(store.leases().remove(first)).isFalse();

        assertThat(store.leases().attach(second, 12)).isTrue();
        assertThat(store.leases().renew(second, T0.plusSeconds(90))).isTrue();
        assertThat(store.leases().find("books-ms")).contains(new LeaseRecord("books-ms", "b", 12, "run by b",
                second.acquiredAt(), T0.plusSeconds(90)));
        store.leases().take(lease("orders-ms", "a", T0), T0, Optional.empty());
        assertThat(store.leases().all()).extracting(LeaseRecord::service).containsExactly("books-ms", "orders-ms");
        assertThat(store.leases().remove(second)).isTrue();
        assertThat(store.leases().find("books-ms")).isEmpty();
    }

    @Test
    void ofOwnersRacingInProcessesOfTheirOwnExactlyOneTakesTheService() throws Exception {
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> takes = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Store own = another();
            LeaseRecord lease = lease("books-ms", "owner-" + i, T0);
            takes.add(() -> {
                start.await();
                return own.leases().take(lease, T0, Optional.empty());
            });
        }
        List<Boolean> taken = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(racers)) {
            List<Future<Boolean>> results = takes.stream().map(threads::submit).toList();
            start.countDown();
            for (Future<Boolean> result : results) {
                taken.add(result.get());
            }
        }

        assertThat(taken).containsOnlyOnce(true);
        String winner = "owner-" + taken.indexOf(true);
        assertThat(store.leases().find("books-ms")).hasValueSatisfying(l -> assertThat(l.owner()).isEqualTo(winner));
    }

    @Test
    void sealedSecretsAreReplacedListedByNameAndRemoved() {
        byte[] nonce = {0, 1, 2, (byte) 0xff};
        store.secrets().put("books-ms", "DB_PASSWORD", nonce, new byte[] {9, 8, 7});
        store.secrets().put("books-ms", "API_KEY", new byte[] {1}, new byte[] {2});
        another().secrets().put("books-ms", "DB_PASSWORD", nonce, new byte[] {6, 5});
        store.secrets().put("other-ms", "DB_PASSWORD", new byte[] {3}, new byte[] {4});

        List<StoredSecret> secrets = store.secrets().of("books-ms");

        assertThat(secrets).extracting(StoredSecret::name).containsExactly("API_KEY", "DB_PASSWORD");
        assertThat(secrets.get(1).nonce()).containsExactly(nonce);
        assertThat(secrets.get(1).ciphertext()).containsExactly(6, 5);
        assertThat(secrets.get(1).updatedAt()).isCloseTo(Instant.now(), aMinute());
        assertThat(store.secrets().remove("books-ms", "API_KEY")).isTrue();
        assertThat(store.secrets().remove("books-ms", "API_KEY")).isFalse();
        assertThat(store.secrets().of("books-ms")).extracting(StoredSecret::name).containsExactly("DB_PASSWORD");
    }

    private long finished(RunState state, boolean undone) {
        long runId = store.runs().start(run("books-ms", "c" + state));
        int seq = store.journal().intend(runId, "books-ms", "container", "started a container", "{}");
        store.journal().done(runId, seq);
        if (undone) {
            store.journal().undone(runId, seq, "recovery");
        }
        store.runs().finish(runId, state, Optional.empty(), Optional.empty());
        return runId;
    }

    private static TemporalUnitOffset aMinute() {
        return within(1, ChronoUnit.MINUTES);
    }

    private static NewRun run(String service, String commit) {
        return new NewRun("run", service, commit, "Add books", true, "cli", "service: " + service + "\n",
                "127.0.0.1:5000/" + service + ":" + commit);
    }

    @Test
    void aWebhookDeliveryIsTakenOnceAcrossStoresAndForgesKeepTheirOwnIds() {
        Store other = another();

        assertThat(store.webhookDeliveries().firstTime("github", "d-1", T0)).isTrue();
        assertThat(other.webhookDeliveries().firstTime("github", "d-1", T0.plusSeconds(1))).isFalse();
        assertThat(store.webhookDeliveries().firstTime("github", "d-1", T0.plusSeconds(2))).isFalse();
        assertThat(other.webhookDeliveries().firstTime("gitea", "d-1", T0)).isTrue();
    }

    private static LeaseRecord lease(String service, String owner, Instant at) {
        return new LeaseRecord(service, owner, 0, "run by " + owner, at, at.plusSeconds(30));
    }

    @Test
    void aRunThatWentLiveKeepsTheReplicasItWasDeployedToAndOneThatDidNotKeepsNone() {
        long deployed = store.runs().start(run("books-ms", "c1"));
        store.runs().wentLive(deployed, "blue", 3);
        long recovered = store.runs().start(run("books-ms", "c2"));
        store.runs().wentLive(recovered, "green");
        long failed = store.runs().start(run("books-ms", "c3"));

        assertThat(another().runs().find(deployed).orElseThrow().replicas()).hasValue(3);
        assertThat(store.runs().find(recovered).orElseThrow().replicas()).isEmpty();
        assertThat(store.runs().find(failed).orElseThrow().replicas()).isEmpty();
    }

    @Test
    void theNewestRunOfEachServiceComesWithItsStagesInOneAnswer() {
        long oldBooks = store.runs().start(run("books-ms", "c1"));
        long cart = store.runs().start(run("cart", "c2"));
        stage(cart, "checkout", StageState.PASSED);
        stage(cart, "test", StageState.FAILED);
        long books = another().runs().start(run("books-ms", "c3"));

        var newest = store.runs().newestOfEach();

        assertThat(newest).containsOnlyKeys("books-ms", "cart");
        assertThat(newest.get("books-ms").id()).isEqualTo(books).isNotEqualTo(oldBooks);
        assertThat(newest.get("cart").stages()).extracting(StageRecord::name, StageRecord::state)
                .containsExactly(tuple("checkout", StageState.PASSED), tuple("test", StageState.FAILED));
        assertThat(newest.get("books-ms").stages()).isEmpty();
    }

    @Test
    void putLiveWantedReplicasAndBuiltTitlesAreOfTheNewestRunsOfEachServicesRelease() {
        long built = wentLive(run("books-ms", "c1"), "blue", 2);
        long scaled = wentLive(new NewRun("scale", "books-ms", "c1", "scale to 4 replica(s) from 2", false, "cli",
                "service: books-ms\n", "r/books-ms:c1"), "blue", 4);
        long failedScale = store.runs().start(new NewRun("scale", "books-ms", "c1", "scale to 9 replica(s) from 4",
                false, "cli", "service: books-ms\n", "r/books-ms:c1"));
        store.runs().finish(failedScale, RunState.FAILED, Optional.of("deploy"), Optional.of("unhealthy"));
        wentLive(run("books-ms", "c2"), "green", 2);
        wentLive(run("cart", "c1"), "blue", 1);
        long cartRollback = wentLive(new NewRun("rollback", "cart", "c1", "rollback of r/cart:c1", false, "cli",
                "service: cart\n", "r/cart:c1"), "green", 1);
        store.runs().start(run("users", "c9"));  // running: nothing of it is live yet
        long recovered = store.runs().start(run("orders", "c5"));
        store.runs().wentLive(recovered, "blue");
        store.runs().finish(recovered, RunState.SUCCEEDED, Optional.empty(), Optional.empty());

        var live = Map.of("books-ms", "c1", "cart", "c1", "users", "c9", "orders", "c5", "gone", "c7");
        var putLive = another().runs().putLive(live);

        assertThat(putLive).containsOnlyKeys("books-ms", "cart", "orders");
        assertThat(putLive.get("books-ms").id()).as("the run that put c1 live, not its scale nor c2's").isEqualTo(built);
        assertThat(putLive.get("cart").id()).isEqualTo(cartRollback);
        assertThat(store.runs().wantedReplicas(live)).as("the succeeded scale's, not the failed one's; none recorded by"
                + " a recovery").containsOnly(entry("books-ms", 4), entry("cart", 1));
        assertThat(scaled).isGreaterThan(built);
        assertThat(store.runs().builtTitles(live)).containsOnly(entry("books-ms", "Add books"), entry("cart", "Add books"),
                entry("users", "Add books"), entry("orders", "Add books"));
        assertThat(store.runs().putLive(Map.of())).isEmpty();
        assertThat(store.runs().wantedReplicas(Map.of())).isEmpty();
        assertThat(store.runs().builtTitles(Map.of("books-ms", "c0"))).isEmpty();
    }

    /** A run that succeeded and put its release live in {@code colour} with {@code replicas}; answers its id. */
    private long wentLive(NewRun run, String colour, int replicas) {
        long id = store.runs().start(run);
        store.runs().wentLive(id, colour, replicas);
        store.runs().finish(id, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
        return id;
    }

    @Test
    void requestSumsAreBucketedByWhenEachPeriodBeganOverEveryColourAndRelease() {
        Instant from = T0;
        List.of(new RequestPeriod("shop", "blue", "a1b2", from, 10, 120, 3, 2400, List.of()),
                new RequestPeriod("shop", "green", "c3d4", from.plusSeconds(50), 10, 40, 1, 400, List.of()),
                new RequestPeriod("shop", "blue", "a1b2", from.plusSeconds(59).plusMillis(999), 10, 5, 0, 0, List.of()),
                new RequestPeriod("shop", "blue", "a1b2", from.plusSeconds(60), 10, 7, 2, 0, List.of()),
                new RequestPeriod("shop", "blue", "a1b2", from.plusSeconds(179), 10, 9, 0, 0, List.of()),
                new RequestPeriod("shop", "blue", "a1b2", from.minusMillis(1), 10, 1000, 0, 0, List.of()),
                new RequestPeriod("shop", "blue", "a1b2", from.plusSeconds(180), 10, 1000, 0, 0, List.of()),
                new RequestPeriod("cart", "blue", "e5f6", from.plusSeconds(120), 10, 11, 11, 0, List.of()))
                .forEach(store.requestFigures()::add);

        var sums = another().requestFigures().sums(from, from.plusSeconds(180), Duration.ofMinutes(1));

        assertThat(sums).containsExactly(new RequestSum("cart", 2, 11, 11), new RequestSum("shop", 0, 165, 4),
                new RequestSum("shop", 1, 7, 2), new RequestSum("shop", 2, 9, 0));
        assertThat(store.requestFigures().sums(from.plusSeconds(3600), from.plusSeconds(7200),
                Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void requestPeriodsAreReadBackByServiceAndTimeAndRemovedWhenOld() {
        var blue = new RequestPeriod("shop", "blue", "a1b2", T0, 10, 120, 3, 2400, List.of(100L, 17L, 0L, 3L));
        var green = new RequestPeriod("shop", "green", "c3d4", T0, 10, 40, 0, 400, List.of(40L, 0L, 0L, 0L));
        var later = new RequestPeriod("shop", "blue", "a1b2", T0.plusSeconds(10), 10, 0, 0, 0, List.of(0L, 0L, 0L, 0L));
        var other = new RequestPeriod("cart", "blue", "e5f6", T0, 10, 7, 7, 70, List.of(7L, 0L, 0L, 0L));
        List.of(blue, green, later, other).forEach(store.requestFigures()::add);
        another().requestFigures().add(new RequestPeriod("shop", "blue", "a1b2", T0, 10, 999, 0, 0, List.of()));

        assertThat(store.requestFigures().of("shop", T0, T0.plusSeconds(20))).as("the first record of a period stays")
                .containsExactly(blue, green, later);
        assertThat(store.requestFigures().of("shop", T0.plusSeconds(1), T0.plusSeconds(20))).containsExactly(later);
        assertThat(store.requestFigures().removeBefore(T0.plusSeconds(10))).isEqualTo(3);
        assertThat(store.requestFigures().of("shop", T0, T0.plusSeconds(20))).containsExactly(later);
        assertThat(store.requestFigures().of("cart", T0, T0.plusSeconds(20))).isEmpty();
    }

    @Test
    void aTokenKeepsItsScopeAndExpiryAndOneWrittenBeforeScopesReadsAsDeployNeverExpiring() throws Exception {
        store.apiTokens().add("ops", "a".repeat(64), "admin", T0, Optional.of(T0.plus(30, ChronoUnit.DAYS)));
        try (var connection = java.sql.DriverManager.getConnection(url)) {
            // the columns a token had before V9: what the migration met in an existing store
            connection.createStatement().execute("INSERT INTO api_tokens (name, sha256, created_at) VALUES ('ci', '"
                    + "b".repeat(64) + "', " + T0.toEpochMilli() + ")");
        }

        StoredToken ops = another().apiTokens().find("ops").orElseThrow();
        assertThat(ops.scope()).isEqualTo("admin");
        assertThat(ops.expiresAt()).contains(T0.plus(30, ChronoUnit.DAYS));
        StoredToken old = store.apiTokens().find("ci").orElseThrow();
        assertThat(old.scope()).isEqualTo("deploy");
        assertThat(old.expiresAt()).isEmpty();
    }

    @Test
    void anImageIsTestedOnlyByARunOfItsServiceWhoseTestsAndPushPassed() {
        long passed = store.runs().start(run("books", "c1"));
        stage(passed, "test", StageState.PASSED);
        stage(passed, "push", StageState.PASSED);
        long failedTests = store.runs().start(run("books", "c2"));
        stage(failedTests, "test", StageState.FAILED);
        long deployed = store.runs().start(new NewRun("deploy", "books", "c3", "deploy of x", false, "api", "",
                "127.0.0.1:5000/books:c3"));
        stage(deployed, "test", StageState.PASSED);
        stage(deployed, "push", StageState.PASSED);

        assertThat(store.runs().tested("books", "127.0.0.1:5000/books:c1")).isTrue();
        assertThat(store.runs().tested("books", "127.0.0.1:5000/books:c2")).as("its tests failed").isFalse();
        assertThat(store.runs().tested("books", "127.0.0.1:5000/books:c3")).as("a deploy tests nothing").isFalse();
        assertThat(store.runs().tested("users", "127.0.0.1:5000/books:c1")).as("another service's run").isFalse();
    }

    private void stage(long runId, String name, StageState state) {
        store.runs().stageStarted(runId, name);
        store.runs().stageFinished(runId, name, state, Optional.empty(), Path.of(name + ".log"), "");
    }
}
