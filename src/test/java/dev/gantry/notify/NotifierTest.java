package dev.gantry.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.config.EmailAllowance;
import dev.gantry.config.NotifyAllowance;
import dev.gantry.config.NotifySpec;
import dev.gantry.store.NewRun;
import dev.gantry.store.RunState;
import dev.gantry.store.StageState;
import dev.gantry.store.Store;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Which channels hear about a stored run, and that nothing a notification does reaches the run. */
@BothStores
class NotifierTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final NotifySpec INSTALLATION = spec("https://ops.example.com/gantry", Set.of("succeeded", "failed",
            "rolled-back"));
    private static final NotifySpec ONLY_FAILURES = spec("https://books.example.com/hook", Set.of("failed"));
    private static final NotifyAllowance ALLOWED = new NotifyAllowance(List.of(URI.create("https://books.example.com")),
            EmailAllowance.NONE);

    @TempDir
    Path home;

    private Store store;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final RecordingChannel ops = RecordingChannel.working("webhook https://ops.example.com/…");
    private final RecordingChannel books = RecordingChannel.working("webhook https://books.example.com/…");
    private final Map<NotifySpec, List<Channel>> channels = new IdentityHashMap<>();

    @BeforeEach
    void openStore() {
        store = Store.open(testStore.url(home));
        channels.put(INSTALLATION, List.of(ops));
        channels.put(ONLY_FAILURES, List.of(books));
        channels.put(NotifySpec.NONE, List.of());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aSucceededRunGoesToTheInstallationButNotToAServiceThatWantsOnlyFailures() {
        long run = finishedRun("run", RunState.SUCCEEDED);

        notifier(UnaryOperator.identity()).runEnded(store.runs(), run, ONLY_FAILURES);

        assertThat(ops.received()).singleElement().satisfies(n -> {
            assertThat(n.event()).isEqualTo(Event.SUCCEEDED);
            assertThat(n.runId()).isEqualTo(run);
            assertThat(n.colour()).contains("green");
        });
        assertThat(books.received()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFailedRunGoesToBothWithProductionRestored() {
        long run = finishedRun("deploy", RunState.FAILED);

        notifier(UnaryOperator.identity()).runEnded(store.runs(), run, ONLY_FAILURES);

        assertThat(ops.received()).singleElement().satisfies(n -> {
            assertThat(n.event()).isEqualTo(Event.FAILED);
            assertThat(n.production()).isEqualTo(ProductionState.RESTORED);
            assertThat(n.failedStage()).contains("switch");
        });
        assertThat(books.received()).isEqualTo(ops.received());
    }

    @Test
    void aStoredGantryYmlUrlTheInstallationDoesNotAllowIsSkippedWithAWarningAndTheRestIsSent() {
        long run = finishedRun("deploy", RunState.FAILED);
        NotifySpec stored = new NotifySpec(List.of(URI.create("http://169.254.169.254/latest/meta-data")), List.of(),
                Optional.empty(), Set.of("failed"));

        notifier(UnaryOperator.identity()).runEnded(store.runs(), run, stored);

        assertThat(ops.received()).hasSize(1);
        assertThat(warnings).containsExactly("gantry.yml's notify URL http://169.254.169.254/latest/meta-data is not"
                + " allowed by notify-allowed-urls; it is not sent");
    }

    @Test
    void aChannelOfBothLevelsIsToldOnce() {
        NotifySpec sameAsInstallation = spec("https://ops.example.com/gantry", Set.of("succeeded"));
        channels.put(sameAsInstallation, List.of(ops));

        notifier(UnaryOperator.identity()).runEnded(store.runs(), finishedRun("run", RunState.SUCCEEDED),
                sameAsInstallation);

        assertThat(ops.received()).hasSize(1);
    }

    @Test
    void aSucceededRollbackIsRolledBack() {
        long run = finishedRun("rollback", RunState.SUCCEEDED);

        notifier(UnaryOperator.identity()).runEnded(store.runs(), run, NotifySpec.NONE);

        assertThat(ops.received()).singleElement().satisfies(n -> assertThat(n.event()).isEqualTo(Event.ROLLED_BACK));
    }

    @Test
    void everyChannelGetsTheMaskedText() {
        long run = finishedRun("run", RunState.FAILED);

        notifier(text -> text.replace("hunter2", "***")).runEnded(store.runs(), run, NotifySpec.NONE);

        assertThat(ops.received()).singleElement().satisfies(n ->
                assertThat(n.message()).contains("stage switch failed: login *** refused"));
    }

    @Test
    void aStoreThatCannotBeReadIsAWarningNotAnError() {
        long run = finishedRun("run", RunState.SUCCEEDED);
        store.close();

        assertThatCode(() -> notifier(UnaryOperator.identity()).runEnded(store.runs(), run, NotifySpec.NONE))
                .doesNotThrowAnyException();
        assertThat(warnings).singleElement().asString().startsWith("the notifications of run " + run + " were not sent: ");
        store = Store.open(testStore.url(home));
    }

    @Test
    void withoutAnyChannelTheStoreIsNotEvenRead() {
        long run = finishedRun("run", RunState.SUCCEEDED);
        store.close();
        var quiet = new Notifier(NotifySpec.NONE, ALLOWED, spec -> channels.getOrDefault(spec, List.of()), delivery(), UnaryOperator.identity(), warnings::add);

        quiet.runEnded(store.runs(), run, NotifySpec.NONE);

        assertThat(warnings).isEmpty();
        store = Store.open(testStore.url(home));
    }

    @Test
    void aLogThatCannotBeWrittenIsReportedOnceAndTheNotificationsGoOn() throws IOException {
        Path file = Files.createDirectories(home.resolve("logs/notifications.log"));
        var log = new NotificationLog(file, warnings::add);
        var notifier = new Notifier(INSTALLATION, ALLOWED, spec -> channels.getOrDefault(spec, List.of()),
                new Delivery(RetryPolicy.STANDARD, duration -> { }, log, warnings::add), UnaryOperator.identity(),
                warnings::add);

        notifier.runEnded(store.runs(), finishedRun("run", RunState.SUCCEEDED), NotifySpec.NONE);
        notifier.runEnded(store.runs(), finishedRun("run", RunState.SUCCEEDED), NotifySpec.NONE);

        assertThat(ops.received()).hasSize(2);
        assertThat(warnings).singleElement().asString().startsWith("cannot write " + file + " (");
    }

    private Notifier notifier(UnaryOperator<String> mask) {
        return new Notifier(INSTALLATION, ALLOWED, spec -> channels.getOrDefault(spec, List.of()), delivery(), mask, warnings::add);
    }

    private Delivery delivery() {
        return new Delivery(RetryPolicy.STANDARD, duration -> { }, new NotificationLog(home.resolve("n.log"),
                warnings::add), warnings::add);
    }

    /** A run as Pipeline leaves it: succeeded in green, or failed at switch with its changes undone. */
    private long finishedRun(String kind, RunState state) {
        long run = store.runs().start(new NewRun(kind, "books-ms", Samples.COMMIT, "Add search", false, "cli",
                "service: books-ms\n", "127.0.0.1:5000/books-ms:" + Samples.COMMIT));
        if (state == RunState.SUCCEEDED) {
            store.runs().wentLive(run, "green");
            store.runs().finish(run, state, Optional.empty(), Optional.empty());
        } else {
            stage(run, "switch", StageState.FAILED);
            stage(run, "undo", StageState.PASSED);
            store.runs().finish(run, state, Optional.of("switch"), Optional.of("stage switch failed: login hunter2 refused"));
        }
        return run;
    }

    private void stage(long run, String name, StageState state) {
        store.runs().stageStarted(run, name);
        store.runs().stageFinished(run, name, state, Optional.empty(), home.resolve(name + ".log"), "");
    }

    private static NotifySpec spec(String webhook, Set<String> on) {
        return new NotifySpec(List.of(URI.create(webhook)), List.of(), Optional.empty(), on);
    }
}
