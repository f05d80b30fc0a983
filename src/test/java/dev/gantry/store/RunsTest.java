package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@BothStores
class RunsTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;

    @Test
    void aRunAndItsStagesSurviveReopeningTheStore() {
        String url = testStore.url(home);
        long id;
        try (Store store = Store.open(url)) {
            id = store.runs().start(new NewRun("run", "books-ms", "abc123", "Add books", true, "cli", "service: books-ms\n", "127.0.0.1:5000/books-ms:abc123"));
            store.runs().stageStarted(id, "test");
            store.runs().stageFinished(id, "test", StageState.FAILED, Optional.of("exited with code 1"),
                    home.resolve("test.log"), "FAIL list\n1 passed, 1 failed\n");
            store.runs().finish(id, RunState.FAILED, Optional.of("test"), Optional.of("tests failed"));
        }
        try (Store store = Store.open(url)) {
            RunRecord run = store.runs().find(id).orElseThrow();
            assertThat(run.service()).isEqualTo("books-ms");
            assertThat(run.dirty()).isTrue();
            assertThat(run.state()).isEqualTo(RunState.FAILED);
            assertThat(run.failedStage()).contains("test");
            assertThat(run.finishedAt()).isPresent();
            assertThat(run.stages()).singleElement().satisfies(stage -> {
                assertThat(stage.name()).isEqualTo("test");
                assertThat(stage.state()).isEqualTo(StageState.FAILED);
                assertThat(stage.message()).contains("exited with code 1");
            });
            assertThat(store.runs().stageLog(id, "test")).contains("FAIL list\n1 passed, 1 failed\n");
        }
    }

    @Test
    void historyIsPerServiceAndNewestFirst() {
        try (Store store = Store.open(testStore.url(home))) {
            long first = store.runs().start(new NewRun("run", "books-ms", "c1", "one", false, "cli", "service: books-ms\n", "127.0.0.1:5000/books-ms:c1"));
            store.runs().start(new NewRun("run", "other-ms", "c2", "two", false, "cli", "service: other-ms\n", "127.0.0.1:5000/other-ms:c2"));
            long third = store.runs().start(new NewRun("run", "books-ms", "c3", "three", false, "cli", "service: books-ms\n", "127.0.0.1:5000/books-ms:c3"));

            assertThat(store.runs().history("books-ms", 10)).extracting(RunRecord::id).containsExactly(third, first);
            assertThat(store.runs().history("books-ms", 1)).extracting(RunRecord::id).containsExactly(third);
        }
    }

    @Test
    void releasesAreTheSucceededRunsThatWentLiveNewestFirst() {
        try (Store store = Store.open(testStore.url(home))) {
            long first = store.runs().start(new NewRun("run", "books-ms", "c1", "one", false, "cli", "service: books-ms\n", "r/books-ms:c1"));
            store.runs().wentLive(first, "blue");
            store.runs().finish(first, RunState.SUCCEEDED, Optional.empty(), Optional.empty());
            long failed = store.runs().start(new NewRun("run", "books-ms", "c2", "two", false, "cli", "service: books-ms\n", "r/books-ms:c2"));
            store.runs().finish(failed, RunState.FAILED, Optional.of("deploy"), Optional.of("unhealthy"));
            long rollback = store.runs().start(new NewRun("rollback", "books-ms", "c0", "zero", false, "cli", "service: books-ms\n", "r/books-ms:c0"));
            store.runs().wentLive(rollback, "green");
            store.runs().finish(rollback, RunState.SUCCEEDED, Optional.empty(), Optional.empty());

            assertThat(store.runs().releases("books-ms", 10)).extracting(RunRecord::id).containsExactly(rollback, first);
            RunRecord newest = store.runs().releases("books-ms", 1).getFirst();
            assertThat(newest.kind()).isEqualTo("rollback");
            assertThat(newest.colour()).contains("green");
            assertThat(newest.image()).contains("r/books-ms:c0");
            assertThat(newest.config()).contains("service: books-ms\n");
        }
    }

    /** SQLite's file under GANTRY_HOME whatever GANTRY_TEST_STORE says: the error is about that file. */
    @Test
    void anUnwritableLocationIsAClearError() throws Exception {
        Path file = Files.writeString(home.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> Store.open("jdbc:sqlite:" + file.resolve("gantry.db")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("Opening the store at jdbc:sqlite:")
                .hasMessageContaining("GANTRY_HOME");
    }
}
