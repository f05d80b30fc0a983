package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The journal read as the audit log: each change, its undo or failed undo, who did it, newest first. */
@BothStores
class AuditLogTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;

    @Test
    void aChangeItsUndoAFailedUndoAndAnUnconfirmedChangeAreEachALine() {
        try (Store store = Store.open(testStore.url(home))) {
            long run = store.runs().start(new NewRun("run", "books", "a1b2c3d4e5f6a7b8c9d0", "Title", false,
                    "api (token ci)", "service: books\n", "127.0.0.1:5000/books:a1b2"));
            Journal journal = store.journal();
            int started = journal.intend(run, "books", "container", "start books-blue-1", "{}");
            journal.done(run, started);
            journal.undone(run, started, "recovery (cli)");
            int route = journal.intend(run, "books", "route", "switch books to blue", "{}");
            journal.done(run, route);
            journal.undoFailed(run, route, "the proxy did not answer");
            journal.intend(run, "books", "container", "remove books-green-1", "{}");

            var events = AuditLog.events(journal.newest(Optional.of("books"), 10), store.runs());

            assertThat(events).extracting(AuditLog.Event::change, AuditLog.Event::result, AuditLog.Event::by)
                    .containsExactlyInAnyOrder(
                            tuple("start books-blue-1", "done", "api (token ci)"),
                            tuple("undo: start books-blue-1", "done", "recovery (cli)"),
                            tuple("switch books to blue", "done", "api (token ci)"),
                            tuple("undo: switch books to blue (the proxy did not answer)",
                                    "failed", "?"),
                            tuple("remove books-green-1", "unknown", "api (token ci)"));
            assertThat(events).allSatisfy(e -> {
                assertThat(e.release()).isEqualTo("a1b2c3d4e5f6");
                assertThat(e.runId()).isEqualTo(run);
            });
            assertThat(events).isSortedAccordingTo(Comparator.comparing(AuditLog.Event::at).reversed());
        }
    }
}
