package dev.gantry.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The discovery contract against the embedded backend, in a temporary SQLite store. */
@BothStores
class EmbeddedDiscoveryTest extends DiscoveryContract {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;
    private Store store;

    @Override
    Discovery open() {
        store = Store.open(url());
        return Discovery.open("embedded", store);
    }

    @Override
    void release() {
        store.close();
    }

    @Override
    void writeRaw(String key, String value) {
        store.keys().put(key, value);
    }

    @Override
    Optional<String> readRaw(String key) {
        return store.keys().get(key);
    }

    @Override
    void deleteRaw(String prefix) {
        store.keys().list(prefix).keySet().forEach(store.keys()::delete);
    }

    @Test
    void itSaysWhereTheKeysAre() {
        assertThat(discovery().describe()).isEqualTo("embedded (in the store)");
    }

    @Test
    void closingDiscoveryLeavesTheStoreOpenAndTheKeysOutliveTheStore() {
        String service = service();
        try (Discovery another = Discovery.open("embedded", store)) {
            another.put(service, Colour.GREEN, GREEN);
            another.setLive(service, Colour.GREEN);
        }
        assertThat(store.keys().get("/gantry/services/" + service + "/live")).contains("green");

        try (Store reopened = Store.open(url()); Discovery again = Discovery.open("embedded", reopened)) {
            assertThat(again.live(service)).contains(Colour.GREEN);
            assertThat(again.colour(service, Colour.GREEN)).contains(GREEN);
        }
    }

    private String url() {
        return testStore.url(home);
    }
}
