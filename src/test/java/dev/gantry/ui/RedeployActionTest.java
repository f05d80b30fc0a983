package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.server.Scope;
import dev.gantry.store.NewRun;
import dev.gantry.trigger.RunKind;
import dev.gantry.trigger.RunRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Deploy again" from the history (scope deploy): two releases of books went live, both built, tested and pushed by
 * their runs; the earlier one is offered again (the live one is not), its confirmation names it, and its post queues a
 * deploy of its image exactly as the API does. A run that did not pass its tests, an unknown one, and a read session
 * are refused with nothing queued.
 */
@BothStores
class RedeployActionTest {
    private static final String EARLIER_IMAGE = UiServer.REGISTRY + "/books:" + UiServer.EARLIER_COMMIT;

    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;
    private UiServer ui;
    private long earlier;
    private long live;

    @BeforeEach
    void start() {
        ui = UiServer.start(testStore.url(home));
        ui.service("books", "main");
        live = ui.releases("books", "Add the shelf");
        earlier = live - 1;
        ui.testedAndPushed(earlier);
        ui.testedAndPushed(live);
    }

    @AfterEach
    void stop() {
        ui.close();
    }

    @Test
    void theEarlierTestedReleaseIsOfferedConfirmedAndItsDeployQueuedAsTheApiQueuesIt() {
        String session = ui.session("deployer", Scope.DEPLOY);

        String history = ui.get("/ui/services/books", session).body();
        HttpResponse<String> confirm = ui.get("/ui/services/books/deploy?run=" + earlier, session);
        HttpResponse<String> posted = ui.post("/ui/services/books/deploy", session,
                Map.of("csrf", ui.csrf(session), "run", Long.toString(earlier)));

        assertThat(history).contains("href=\"/ui/services/books/deploy?run=" + earlier + "\"")
                .doesNotContain("deploy?run=" + live + "\"");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Live now", UiServer.LIVE_COMMIT.substring(0, 12) + " Add the shelf",
                UiServer.EARLIER_COMMIT.substring(0, 12), "Add the search", EARLIER_IMAGE,
                "href=\"/ui/runs/" + earlier + "\"", "action=\"/ui/services/books/deploy\"",
                "name=\"run\" value=\"" + earlier + "\"");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(303);
        assertThat(posted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).matches("/ui/runs/q[0-9]+"));
        List<RunRequest> ran = ui.queue.awaitExecuted(1);
        assertThat(ran.getFirst().kind()).isEqualTo(RunKind.DEPLOY);
        assertThat(ran.getFirst().image()).contains(EARLIER_IMAGE);
        assertThat(ran.getFirst().untested()).isFalse();
        assertThat(ran.getFirst().trigger()).isEqualTo("ui (token deployer)");
    }

    @Test
    void aRunThatDidNotPassItsTestsAnUnknownRunAndNoRunAreRefusedWithNothingQueued() {
        long untested = ui.store.runs().start(new NewRun("run", "books", "c".repeat(40), "Untested",
                false, "cli (test@host)", "service: books\n", UiServer.REGISTRY + "/books:" + "c".repeat(40)));
        String session = ui.session("deployer", Scope.DEPLOY);
        String csrf = ui.csrf(session);

        String history = ui.get("/ui/services/books", session).body();
        HttpResponse<String> confirm = ui.get("/ui/services/books/deploy?run=" + untested, session);
        HttpResponse<String> posted = ui.post("/ui/services/books/deploy", session,
                Map.of("csrf", csrf, "run", Long.toString(untested)));
        HttpResponse<String> unknown = ui.post("/ui/services/books/deploy", session, Map.of("csrf", csrf, "run", "999"));
        HttpResponse<String> none = ui.get("/ui/services/books/deploy", session);

        assertThat(history).doesNotContain("deploy?run=" + untested + "\"");
        assertThat(confirm.statusCode()).isEqualTo(400);
        assertThat(confirm.body()).contains("was not built and tested by a run of books")
                .doesNotContain("action=\"/ui/services/books/deploy\"");
        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("books has no run 999.");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("Say which run's release to deploy again");
        assertThat(ui.queue.queue().active()).isEmpty();
        assertThat(ui.queue.executed()).isEmpty();
    }

    @Test
    void aReadSessionSeesNoDeployAgainAndItsForgedPostIsRefused() {
        String session = ui.session("viewer", Scope.READ);

        String history = ui.get("/ui/services/books", session).body();
        HttpResponse<String> confirm = ui.get("/ui/services/books/deploy?run=" + earlier, session);
        HttpResponse<String> forged = ui.post("/ui/services/books/deploy", session,
                Map.of("csrf", ui.csrf(session), "run", Long.toString(earlier)));
        HttpResponse<String> noCsrf = ui.post("/ui/services/books/deploy", ui.session("deployer", Scope.DEPLOY),
                Map.of("run", Long.toString(earlier)));

        assertThat(history).doesNotContain("/ui/services/books/deploy", "Deploy again");
        assertThat(confirm.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("needs a token of scope deploy (or higher); the token viewer has scope read");
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(ui.queue.queue().active()).isEmpty();
        assertThat(ui.queue.executed()).isEmpty();
    }
}
