package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.server.Scope;
import dev.gantry.store.Journal;
import dev.gantry.store.NewRun;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log page (read scope): the journal's changes and undos as {@code gantry audit} lists them, narrowed by
 * service, run, result and text; hostile text escaped, secrets masked (and not findable by the text filter), an
 * unknown service an empty list with a message, and a list cut at 500 rows with a note.
 */
@BothStores
class AuditPageTest {
    private static final String HOSTILE = "<script>alert(1)</script>\"'&";
    private static final String SECRET = "hunter2-secret";
    private static final Pattern ROW = Pattern.compile("<tr>\\s*<td>[^<]*</td>");

    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;
    private UiServer ui;
    private long booksRun;
    private long authorsRun;

    @BeforeEach
    void start() {
        ui = UiServer.start(testStore.url(home));
        ui.service("books", "main");
        ui.service("authors", "main");
        ui.secrets.put("books", List.of(SECRET));
        Journal journal = ui.store.journal();
        booksRun = run("books", "api (token ci)");
        journal.done(booksRun, journal.intend(booksRun, "books", "container", "start container books-blue-1", "{}"));
        int route = journal.intend(booksRun, "books", "route", "switch books to blue, password " + SECRET, "{}");
        journal.done(booksRun, route);
        journal.undone(booksRun, route, "recovery (cli " + HOSTILE + ")");
        authorsRun = run("authors", "ui (token alice)");
        journal.intend(authorsRun, "authors", "container", "start container " + HOSTILE + "\u001b[2J", "{}");
    }

    @AfterEach
    void stop() {
        ui.close();
    }

    @Test
    void everyChangeAndUndoIsListedNewestFirstAndEachFilterNarrowsTheRows() {
        String session = ui.session("viewer", Scope.READ);

        String all = ui.get("/ui/audit", session).body();
        String books = ui.get("/ui/audit?service=books", session).body();
        String ofRun = ui.get("/ui/audit?run=" + authorsRun, session).body();
        String unknown = ui.get("/ui/audit?result=unknown", session).body();
        String text = ui.get("/ui/audit?text=SWITCH", session).body();
        String byText = ui.get("/ui/audit?text=token+alice", session).body();
        String none = ui.get("/ui/audit?service=books&run=" + authorsRun, session).body();

        assertThat(rows(all)).isEqualTo(4);
        assertThat(all).contains("<label for=\"service\">Service</label>", "<label for=\"text\">")
                .containsSubsequence("start container", "undo: switch books to blue", "switch books to blue",
                        "start container books-blue-1")
                .contains("href=\"/ui/runs/" + booksRun + "\"", "result-unknown\">unknown", "api (token ci)");
        assertThat(rows(books)).isEqualTo(3);
        assertThat(books).doesNotContain("ui (token alice)").contains("value=\"books\"");
        assertThat(rows(ofRun)).isEqualTo(1);
        assertThat(ofRun).contains("ui (token alice)");
        assertThat(rows(unknown)).isEqualTo(1);
        assertThat(rows(text)).isEqualTo(2);
        assertThat(text).doesNotContain("start container");
        assertThat(rows(byText)).isEqualTo(1);
        assertThat(rows(none)).isZero();
        assertThat(none).contains("No change matches these filters.");
    }

    @Test
    void hostileTextIsEscapedAndSecretsAreMaskedAndCannotBeSearchedFor() {
        String session = ui.session("viewer", Scope.READ);

        String all = ui.get("/ui/audit", session).body();
        String searched = ui.get("/ui/audit?text=" + SECRET, session).body();

        assertThat(all).doesNotContain("<script>alert(1)</script>", "\u001b", SECRET)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;\"'&amp;", "\\x1b[2J", "password ***",
                        "recovery (cli &lt;script&gt;");
        assertThat(rows(searched)).isZero();
        assertThat(searched).as("the secret matches no masked row").contains("No change matches these filters.")
                .doesNotContain("password ***");
    }

    @Test
    void anUnknownServiceIsAnEmptyListWithAMessageAndAWrongFilterIsSaidSo() {
        String session = ui.session("viewer", Scope.READ);

        HttpResponse<String> unknown = ui.get("/ui/audit?service=" + "%3Cb%3Emagazines", session);
        HttpResponse<String> wrong = ui.get("/ui/audit?run=seven&result=maybe", session);

        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("The server knows no service &lt;b&gt;magazines, so there are no changes")
                .doesNotContain("<table");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("The run is a run id (like 42) and the result done, failed or unknown");
    }

    @Test
    void theNavAndEachServicePageLinkToIt() {
        String session = ui.session("viewer", Scope.READ);

        assertThat(ui.get("/ui/", session).body()).contains("<a href=\"/ui/audit\">Audit log</a>");
        assertThat(ui.get("/ui/services/books", session).body()).contains("href=\"/ui/audit?service=books\"");
    }

    @Test
    void pastFiveHundredRowsTheListIsCutAndSaysSo() {
        Journal journal = ui.store.journal();
        for (int i = 0; i < 260; i++) {
            int seq = journal.intend(booksRun, "books", "container", "start container books-green-" + i, "{}");
            journal.done(booksRun, seq);
            journal.undone(booksRun, seq, "recovery");
        }
        String session = ui.session("viewer", Scope.READ);

        String page = ui.get("/ui/audit?service=books", session).body();

        assertThat(rows(page)).isEqualTo(500);
        assertThat(page).contains("Showing the newest 500 of the 523 changes that match: narrow the filters");
    }

    private long run(String service, String trigger) {
        return ui.store.runs().start(new NewRun("run", service, "d".repeat(40), "Title", false, trigger,
                "service: " + service + "\n", UiServer.REGISTRY + "/" + service + ":" + "d".repeat(40)));
    }

    private static int rows(String page) {
        Matcher m = ROW.matcher(page);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }
}
