package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.lock.DeployLocks;
import dev.gantry.lock.HeldLock;
import dev.gantry.server.Scope;
import dev.gantry.trigger.RunKind;
import dev.gantry.trigger.RunRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI's actions: a rollback (deploy scope) confirmed and queued as the API queues it, a lock released (admin);
 * each button shown only to a session whose scope allows it, and each post refused with 403, nothing done, without
 * the session's CSRF token or with too low a scope.
 */
@BothStores
class ActionsTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;
    private UiServer ui;

    @BeforeEach
    void start() {
        ui = UiServer.start(testStore.url(home));
        ui.service("books", "main");
        ui.releases("books", "Add the shelf");
    }

    @AfterEach
    void stop() {
        ui.close();
    }

    @Test
    void aReadSessionSeesNoRollbackButtonAndItsForgedPostIsRefusedWithNothingQueued() {
        String session = ui.session("viewer", Scope.READ);

        assertThat(ui.get("/ui/services/books", session).body()).doesNotContain("/ui/services/books/rollback",
                "Release the lock");
        HttpResponse<String> confirm = ui.get("/ui/services/books/rollback", session);
        HttpResponse<String> forged = ui.post("/ui/services/books/rollback", session, Map.of("csrf", ui.csrf(session)));

        assertThat(confirm.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("needs a token of scope deploy (or higher); the token viewer has scope read");
        assertThat(ui.queue.queue().active()).isEmpty();
        assertThat(ui.queue.executed()).isEmpty();
    }

    @Test
    void aPostWithoutOrWithAWrongCsrfTokenIsRefusedWithNothingQueued() {
        String session = ui.session("deployer", Scope.DEPLOY);
        String other = ui.csrf(ui.session("other", Scope.DEPLOY));

        assertThat(ui.post("/ui/services/books/rollback", session, Map.of()).statusCode()).isEqualTo(403);
        assertThat(ui.post("/ui/services/books/rollback", session, Map.of("csrf", other)).statusCode()).isEqualTo(403);
        assertThat(ui.post("/ui/services/books/rollback", session, Map.of("csrf", "")).statusCode()).isEqualTo(403);
        assertThat(ui.post("/ui/services/books/rollback", session, Map.of(),
                Map.of("X-CSRF-Token", other)).statusCode()).isEqualTo(403);
        assertThat(ui.queue.queue().active()).isEmpty();
        assertThat(ui.queue.executed()).isEmpty();
    }

    @Test
    void aDeploySessionConfirmsWhatGoesLiveAndItsRollbackIsQueuedAsTheApiQueuesIt() {
        String session = ui.session("deployer", Scope.DEPLOY);

        String history = ui.get("/ui/services/books", session).body();
        HttpResponse<String> confirm = ui.get("/ui/services/books/rollback", session);
        HttpResponse<String> posted = ui.post("/ui/services/books/rollback", session, Map.of("csrf", ui.csrf(session)));

        assertThat(history).contains("href=\"/ui/services/books/rollback\"").doesNotContain("Release the lock");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains(UiServer.LIVE_COMMIT.substring(0, 12) + " Add the shelf",
                UiServer.EARLIER_COMMIT.substring(0, 12), "Add the search", "127.0.0.1:5000/books:" + UiServer.EARLIER_COMMIT,
                "action=\"/ui/services/books/rollback\"");
        assertThat(posted.statusCode()).isEqualTo(303);
        assertThat(posted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).matches("/ui/runs/q[0-9]+"));
        List<RunRequest> ran = ui.queue.awaitExecuted(1);
        assertThat(ran.getFirst().kind()).isEqualTo(RunKind.ROLLBACK);
        assertThat(ran.getFirst().service()).isEqualTo("books");
        assertThat(ran.getFirst().trigger()).isEqualTo("ui (token deployer)");
    }

    @Test
    void aRollbackWithNothingEarlierSaysWhyAndOffersNoButton() {
        ui.service("authors", "main");
        String session = ui.session("deployer", Scope.DEPLOY);

        HttpResponse<String> confirm = ui.get("/ui/services/authors/rollback", session);

        assertThat(confirm.statusCode()).isEqualTo(409);
        assertThat(confirm.body()).contains("authors has no live release, so there is nothing to roll back from.")
                .doesNotContain("action=\"/ui/services/authors/rollback\"");
    }

    @Test
    void onlyAnAdminSessionSeesAndReleasesALock() {
        var locks = new DeployLocks(ui.store);
        try (HeldLock held = locks.acquire("books", "run of books", Duration.ZERO, holder -> { })) {
            assertThat(held.lost()).isFalse();
            String deployer = ui.session("deployer", Scope.DEPLOY);
            String admin = ui.session("admin", Scope.ADMIN);

            assertThat(ui.get("/ui/services/books", deployer).body()).doesNotContain("/ui/services/books/lock/release");
            assertThat(ui.post("/ui/services/books/lock/release", deployer, Map.of("csrf", ui.csrf(deployer))).statusCode())
                    .isEqualTo(403);
            assertThat(locks.status("books")).isPresent();
            assertThat(ui.get("/ui/services/books", admin).body()).contains("action=\"/ui/services/books/lock/release\"");

            HttpResponse<String> released = ui.post("/ui/services/books/lock/release", admin, Map.of("csrf", ui.csrf(admin)));

            assertThat(released.statusCode()).isEqualTo(303);
            assertThat(released.headers().firstValue("Location")).contains("/ui/services/books");
            assertThat(locks.status("books")).isEmpty();
        }
    }

    @Test
    void aQueuedRequestHasAPageWithTheBoxesOfItsFlowAndWhyItEnded() {
        String session = ui.session("deployer", Scope.DEPLOY);
        HttpResponse<String> posted = ui.post("/ui/services/books/rollback", session, Map.of("csrf", ui.csrf(session)));
        String runPage = posted.headers().firstValue("Location").orElseThrow();
        ui.queue.awaitExecuted(1);

        HttpResponse<String> page = ui.get(runPage, session);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Queued request q", "rollback", "result-failed", "recorded, not run")
                .containsSubsequence("deploy", "register", "switch", "cleanup");
    }
}
