package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@BothStores
class KeysTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;
    private Store store;

    @BeforeEach
    void open() {
        store = Store.open(testStore.url(home));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aKeyIsSetReplacedAndDeleted() {
        Keys keys = store.keys();
        assertThat(keys.get("/a")).isEmpty();
        keys.put("/a", "one");
        keys.put("/a", "two");
        assertThat(keys.get("/a")).contains("two");
        keys.delete("/a");
        keys.delete("/a");
        assertThat(keys.get("/a")).isEmpty();
    }

    @Test
    void listingTakesThePrefixLiterallyAndSortsByKey() {
        Keys keys = store.keys();
        keys.put("/s/b_c/2", "x");
        keys.put("/s/b_c/1", "y");
        keys.put("/s/bxc/1", "not matched by _");
        keys.put("/s/B_C/1", "not matched by case");
        keys.put("/s/b%/1", "not matched by %");
        keys.put("/s/b_c", "shorter than the prefix");

        assertThat(keys.list("/s/b_c/")).containsExactly(
                entry("/s/b_c/1", "y"),
                entry("/s/b_c/2", "x"));
        assertThat(keys.list("/s/b%")).containsOnlyKeys("/s/b%/1");
        assertThat(keys.list("/none/")).isEmpty();
    }

    @Test
    void valuesSurviveReopeningTheStore() {
        store.keys().put("/gantry/services/books-ms/live", "blue");
        store.close();
        store = Store.open(testStore.url(home));
        assertThat(store.keys().get("/gantry/services/books-ms/live")).contains("blue");
    }
}
