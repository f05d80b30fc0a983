package dev.gantry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.GitRepo;
import dev.gantry.TestStore;
import dev.gantry.git.RemoteFetch;
import dev.gantry.store.KnownService;
import dev.gantry.store.Store;
import dev.gantry.trigger.RecordingQueue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed push against a real forge repository on disk: only the head of the branch after the fetch is
 * queued; a replayed older commit, a commit off the branch and a bad branch name queue nothing, and
 * the answer and the server's log say why.
 */
@BothStores
class PushDispatchTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final RecordingQueue queue = new RecordingQueue();
    private Store store;
    private GitRepo forge;
    private PushDispatch dispatch;

    @BeforeEach
    void setUp() {
        store = Store.open(testStore.url(dir));
        forge = GitRepo.init(dir.resolve("forge"));
        store.services().put(new KnownService("shop", Optional.of(forge.url()), "main", Instant.EPOCH));
        dispatch = new PushDispatch(store.services(), new RemoteFetch(dir.resolve("repos"), store.services()),
                queue.queue(), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        queue.close();
        store.close();
    }

    @Test
    void theHeadOfTheBranchIsQueued() {
        String head = forge.write("gantry.yml", "service: shop\n").commit("First");

        Reply reply = push("d-1", "refs/heads/main", head);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(body(reply)).contains("\"queued\":[\"shop\"]", "\"not_run\":{}");
        assertThat(queue.awaitExecuted(1)).extracting(request -> request.source().orElseThrow().release().commit())
                .containsExactly(head);
    }

    @Test
    void aReplayedDeliveryOfAnOlderCommitQueuesNothingAndSaysWhyInTheAnswerAndTheLog() {
        String older = forge.write("gantry.yml", "service: shop\n").commit("First");
        String head = forge.write("README", "two\n").commit("Second");

        Reply reply = push("d-2", "refs/heads/main", older);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(body(reply)).contains("\"queued\":[]", "\"not_run\":{\"shop\":\"Commit " + older
                + " is not run: it is not the head of branch main of " + forge.url() + " (fetched just now; the head is "
                + head + "). It is an older commit of the branch: a replayed or late delivery");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("warning: webhook github (delivery d-2): " + older
                + " of shop not run: Commit " + older + " is not run: it is not the head of branch main");
        assertThat(queue.executed()).isEmpty();
    }

    @Test
    void aForgedDeliveryOfACommitOffTheBranchQueuesNothing() throws Exception {
        String base = forge.write("gantry.yml", "service: shop\n").commit("First");
        try (var git = org.eclipse.jgit.api.Git.open(forge.root().toFile())) {
            git.checkout().setCreateBranch(true).setName("side").call();
        }
        String side = forge.write("README", "side\n").commit("Side");
        try (var git = org.eclipse.jgit.api.Git.open(forge.root().toFile())) {
            git.checkout().setName("main").call();
        }

        Reply reply = push("d-3", "refs/heads/main", side);

        assertThat(body(reply)).contains("\"queued\":[]", "is not the head of branch main", "the head is " + base,
                "It is not on the branch any more, or never was");
        assertThat(queue.executed()).isEmpty();
    }

    @Test
    void aRefThatIsNotAValidBranchNameIsRefusedBeforeAnythingIsFetched() {
        forge.write("gantry.yml", "service: shop\n").commit("First");

        Reply reply = push("d-4", "refs/heads/main..x", "a".repeat(40));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(body(reply)).isEqualTo("The branch \"main..x\" is not a valid branch name: it contains '..'."
                + " Branch names follow git check-ref-format --branch; give one like main or release/2.1.");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("warning: webhook github (delivery d-4): refused:");
        assertThat(dir.resolve("repos")).doesNotExist();
    }

    private Reply push(String delivery, String ref, String commit) {
        String payload = "{\"ref\":\"" + ref + "\",\"after\":\"" + commit + "\",\"repository\":{\"clone_url\":\""
                + forge.url() + "\"}}";
        return dispatch.take(Forge.GITHUB, delivery, "push", payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(Reply reply) {
        return reply.body().strip();
    }
}
