package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The services table: added, then updated in place by adding again. */
@BothStores
class ServiceRowsTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;

    @Test
    void addingAgainUpdatesRemoteAndBranchButKeepsWhenItWasAdded() {
        try (Store store = Store.open(testStore.url(home))) {
            Instant first = Instant.parse("2026-12-01T10:00:00Z");
            store.services().put(new KnownService("books", Optional.empty(), "main", first));
            store.services().put(new KnownService("books", Optional.of("https://git.example.com/books.git"), "prod",
                    first.plusSeconds(60)));
            store.services().put(new KnownService("users", Optional.empty(), "main", first));

            assertThat(store.services().all()).containsExactly(
                    new KnownService("books", Optional.of("https://git.example.com/books.git"), "prod", first),
                    new KnownService("users", Optional.empty(), "main", first));
            assertThat(store.services().find("orders")).isEmpty();
        }
    }
}
