package dev.gantry.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.GitRepo;
import dev.gantry.TestStore;
import dev.gantry.git.RemoteFetch;
import dev.gantry.store.KnownService;
import dev.gantry.store.Store;
import dev.gantry.trigger.RecordingQueue;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@BothStores
class PollRoundTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path dir;

    private final RecordingQueue recording = new RecordingQueue();
    private final List<RunRequest> executed = recording.executed();
    private final RunQueue queue = recording.queue();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private Store store;
    private GitRepo forge;
    private RemoteFetch fetch;
    private PollRound round;

    @BeforeEach
    void setUp() throws Exception {
        store = Store.open(testStore.url(dir));
        forge = GitRepo.init(dir.resolve("forge"));
        fetch = new RemoteFetch(dir.resolve("repos"), store.services());
        round = new PollRound(store.services(), fetch, queue,
                new PollProblems(new PrintStream(logged, true, StandardCharsets.UTF_8)));
    }

    @AfterEach
    void tearDown() {
        recording.close();
        store.close();
    }

    @Test
    void queuesTheHeadAtTheFirstRoundThenOnlyNewCommitsOnce() throws Exception {
        service("shop", forgeUrl());
        String first = commit("shop/gantry.yml", "service: shop\n");

        round.run();
        recording.awaitExecuted(1);
        assertThat(executed.getFirst().service()).isEqualTo("shop");
        assertThat(executed.getFirst().source().orElseThrow().release().commit()).isEqualTo(first);
        assertThat(executed.getFirst().trigger()).isEqualTo("poll (" + forgeUrl() + ")");

        round.run();
        round.run();
        assertThat(queue.active()).isEmpty();

        String second = commit("shop/README", "two\n");
        round.run();
        round.run();
        recording.awaitExecuted(2);
        assertThat(executed.get(1).source().orElseThrow().release().commit()).isEqualTo(second);
        assertThat(log()).contains("polling shop: branch main of " + forgeUrl() + " is at " + second.substring(0, 12)
                + "; queued its run as q2");
    }

    @Test
    void servicesWithoutARemoteAreLeftAlone() throws Exception {
        service("local", null);
        commit("gantry.yml", "service: local\n");

        round.run();

        assertThat(queue.active()).isEmpty();
        assertThat(executed).isEmpty();
        assertThat(log()).isEmpty();
    }

    @Test
    void aHeadThatAPushBroughtAlreadyIsNotQueued() throws Exception {
        KnownService shop = service("shop", forgeUrl());
        String pushed = commit("gantry.yml", "service: shop\n");
        fetch.fetch(shop, pushed);  // as a push to the git endpoint would have stored it

        round.run();

        assertThat(queue.active()).isEmpty();
        assertThat(executed).isEmpty();
    }

    @Test
    void anUnreachableRemoteIsLoggedOnceThenOnceMoreWhenItAnswersAgain() throws Exception {
        Path moved = dir.resolve("moved");
        String gone = moved.toUri().toString();
        service("shop", gone);

        round.run();
        round.run();
        round.run();
        assertThat(log().lines().filter(line -> line.startsWith("warning: polling shop: Fetching branch main")))
                .hasSize(1);
        assertThat(executed).isEmpty();

        GitRepo.init(moved).write("gantry.yml", "service: shop\n").commit("the remote answers again");
        round.run();
        round.run();

        recording.awaitExecuted(1);
        assertThat(log().lines().filter(line -> line.equals("polling shop: " + gone + " answers again"))).hasSize(1);
    }

    @Test
    void credentialsInTheRemoteNeverReachTheTriggerOrTheLog() throws Exception {
        service("shop", "http://deployer:s3cret@127.0.0.1:1/shop.git");

        round.run();
        round.run();

        assertThat(log()).contains("warning: polling shop:").contains("http://***@127.0.0.1:1/shop.git")
                .doesNotContain("s3cret").doesNotContain("deployer");
    }

    @Test
    void aCommitWithoutTheServiceIsReportedOnceAndNotRetried() throws Exception {
        service("shop", forgeUrl());
        String head = commit("README", "no gantry.yml here\n");

        round.run();
        round.run();

        assertThat(executed).isEmpty();
        assertThat(log().lines().filter(line -> line.startsWith("warning: polling shop: " + head.substring(0, 12)
                + " is not deployed:"))).hasSize(1);
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    private KnownService service(String name, String remote) {
        var service = new KnownService(name, Optional.ofNullable(remote), "main", Instant.now());
        store.services().put(service);
        return service;
    }

    private String forgeUrl() {
        return forge.url();
    }

    private String commit(String path, String text) {
        return forge.write(path, text).commit("change " + path);
    }
}
