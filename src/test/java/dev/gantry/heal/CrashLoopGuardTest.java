package dev.gantry.heal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.SetClock;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.store.NewRun;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release whose replicas end {@code deploy/crash-loop/restarts} times within {@code within} of going live is rolled
 * back once (docs/swarm.md#a-release-that-keeps-crashing); a release a rollback put live, an older one, or one
 * past its window is left to the restart policy.
 */
@BothStores
class CrashLoopGuardTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path dir;

    private final StubReplicas replicas = new StubReplicas();
    private final List<String> rollbacks = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final SetClock clock = new SetClock(Instant.now());
    private Store store;
    private Discovery discovery;
    private CrashLoopGuard guard;

    @BeforeEach
    void openProduction() {
        store = Store.open(testStore.url(dir));
        discovery = Discovery.open("embedded", store);
        var production = new Production(TestInstallation.ID, null, replicas, discovery, new RecordingProxy());
        guard = new CrashLoopGuard(production, store.runs(), (service, reason) -> rollbacks.add(service + ": " + reason),
                clock, log::add);
    }

    @AfterEach
    void close() {
        discovery.close();
        store.close();
    }

    @Test
    void theFifthEndWithinTwoMinutesOfGoingLiveRollsTheReleaseBackOnce() {
        live("run", "0123456789abcdef", "service: books-ms\n");
        replicas.crashes = Set.of("t1", "t2", "t3", "t4");
        clock.set(Instant.now().plus(Duration.ofSeconds(40)));

        assertThat(guard.look()).as("four ends are not a loop yet").isEmpty();

        replicas.crashes = Set.of("t1", "t2", "t3", "t4", "t5");
        assertThat(guard.look()).containsExactly("books-ms");

        assertThat(rollbacks).singleElement().asString()
                .startsWith("books-ms: gantry, automatically: release 0123456789ab crash-looped, its replicas ended 5 times within 40s of going live")
                .endsWith("(deploy/crash-loop: 5 within 2m)");
        assertThat(log).singleElement().asString().contains("release 0123456789ab keeps crashing").endsWith("; rolling back");

        store.runs().start(new NewRun("rollback", "books-ms", "older", "rollback", false, rollbacks.get(0), "service: books-ms\n", "img"));
        assertThat(guard.look()).as("the newest run is the rollback now").isEmpty();
        assertThat(rollbacks).hasSize(1);
    }

    @Test
    void endsThatTheOrchestratorForgetsStillCount() {
        live("run", "r1", "service: books-ms\n");
        replicas.crashes = Set.of("t1", "t2", "t3");
        assertThat(guard.look()).isEmpty();

        replicas.crashes = Set.of("t4", "t5");  // Swarm keeps only the newest tasks of each slot

        assertThat(guard.look()).containsExactly("books-ms");
    }

    @Test
    void aReleasePastItsWindowIsOnlyHealed() {
        live("deploy", "r1", "service: books-ms\ndeploy: {crash-loop: {restarts: 2, within: 30s}}\n");
        replicas.crashes = Set.of("t1", "t2", "t3");
        clock.set(Instant.now().plus(Duration.ofSeconds(31)));

        assertThat(guard.look()).isEmpty();

        clock.set(Instant.now().plus(Duration.ofSeconds(25)));
        assertThat(guard.look()).as("a deploy is judged like a run, within its own window").containsExactly("books-ms");
    }

    @Test
    void noRollbackWhenTurnedOff() {
        live("run", "r1", "service: books-ms\ndeploy: {crash-loop: {restarts: 0}}\n");
        replicas.crashes = Set.of("t1", "t2", "t3", "t4", "t5", "t6");

        assertThat(guard.look()).isEmpty();
    }

    @Test
    void aReleaseThatARollbackPutLiveIsNeverRolledBackByTheGuard() {
        live("rollback", "r0", "service: books-ms\n");
        replicas.crashes = Set.of("t1", "t2", "t3", "t4", "t5", "t6");

        assertThat(guard.look()).isEmpty();
    }

    @Test
    void aLiveReleaseThatIsNotTheNewestRunsIsLeftAlone() {
        live("run", "r1", "service: books-ms\n");
        long failed = store.runs().start(new NewRun("run", "books-ms", "r2", "r2", false, "test", "service: books-ms\n", "img2"));
        store.runs().finish(failed, RunState.FAILED, Optional.of("test"), Optional.of("tests failed"));
        replicas.crashes = Set.of("t1", "t2", "t3", "t4", "t5");

        assertThat(guard.look()).isEmpty();
        assertThat(rollbacks).isEmpty();
    }

    /** A run of {@code kind} that put {@code release} live in blue just now. */
    private void live(String kind, String release, String config) {
        long run = store.runs().start(new NewRun(kind, "books-ms", release, release, false, "test", config, "img"));
        store.runs().wentLive(run, "blue");
        store.runs().finish(run, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
        discovery.put("books-ms", Colour.BLUE, new ColourRecord(release, "reg/books-ms:" + release, ColourState.LIVE, List.of()));
        discovery.setLive("books-ms", Colour.BLUE);
    }
}
