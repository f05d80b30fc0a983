package dev.gantry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.GitRepo;
import dev.gantry.TestStore;
import dev.gantry.store.KnownService;
import dev.gantry.store.NewRun;
import dev.gantry.store.Store;
import dev.gantry.trigger.RecordingQueue;
import dev.gantry.trigger.RunRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** At server start, a branch head the server took but never ran is queued; one that ran is not. */
@BothStores
class UnrunHeadsTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path dir;

    private final RecordingQueue recording = new RecordingQueue();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private Store store;
    private RemoteFetch fetch;
    private UnrunHeads heads;

    @BeforeEach
    void setUp() {
        store = Store.open(testStore.url(dir));
        fetch = new RemoteFetch(dir.resolve("repos"), store.services());
        heads = new UnrunHeads(new PushedRepos(dir.resolve("repos"), store.services()), store.services(),
                store.runs(), recording.queue(), new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        recording.close();
        store.close();
    }

    @Test
    void aHeadThatNeverRanIsQueuedAndOneThatRanIsNot() {
        GitRepo shopForge = GitRepo.init(dir.resolve("shop-forge"));
        KnownService shop = service("shop", shopForge.url());
        String taken = shopForge.write("shop/gantry.yml", "service: shop\n").commit("shop");
        fetch.fetch(shop, taken);
        GitRepo cartForge = GitRepo.init(dir.resolve("cart-forge"));
        KnownService cart = service("cart", cartForge.url());
        String ran = cartForge.write("gantry.yml", "service: cart\n").commit("cart");
        fetch.fetch(cart, ran);
        store.runs().start(new NewRun("run", "cart", ran, "cart", false, "git push", "service: cart", "img"));

        heads.queueAll();

        assertThat(recording.awaitExecuted(1)).singleElement().satisfies(request -> {
            assertThat(request.service()).isEqualTo("shop");
            assertThat(request.source().orElseThrow().release().commit()).isEqualTo(taken);
            assertThat(request.source().orElseThrow().servicePath()).isEqualTo("shop");
            assertThat(request.trigger()).isEqualTo("server start (head of main never ran)");
        });
        assertThat(log()).contains("shop: " + taken.substring(0, 12) + ", the head of branch main, was taken but"
                + " never ran; queued its run as q").doesNotContain("cart");
    }

    @Test
    void aServiceNothingWasPushedForGetsNoRepository() {
        service("local", null);

        heads.queueAll();

        assertThat(Files.exists(dir.resolve("repos").resolve("local.git"))).isFalse();
        assertThat(recording.queue().active()).isEmpty();
        assertThat(log()).isEmpty();
    }

    @Test
    void aHeadWithoutTheServiceIsReportedAndTheOthersAreStillQueued() {
        GitRepo brokenForge = GitRepo.init(dir.resolve("broken-forge"));
        KnownService broken = service("broken", brokenForge.url());
        String readme = brokenForge.write("README", "no gantry.yml\n").commit("readme");
        assertThatThrownBy(() -> fetch.fetch(broken, readme)).isInstanceOf(PushException.class);
        GitRepo shopForge = GitRepo.init(dir.resolve("shop-forge"));
        KnownService shop = service("shop", shopForge.url());
        fetch.fetch(shop, shopForge.write("gantry.yml", "service: shop\n").commit("shop"));

        heads.queueAll();

        assertThat(recording.awaitExecuted(1)).extracting(RunRequest::service).containsExactly("shop");
        assertThat(log()).contains("warning: broken: the head of branch main of its repository is not run: Commit "
                + readme.substring(0, 12) + " has no gantry.yml naming service broken");
    }

    private KnownService service(String name, String remote) {
        var service = new KnownService(name, Optional.ofNullable(remote), "main", Instant.now());
        store.services().put(service);
        return service;
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }
}
