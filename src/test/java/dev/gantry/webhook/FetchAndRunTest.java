package dev.gantry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.git.RemoteFetch;
import dev.gantry.store.KnownService;
import dev.gantry.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A fetch that fails is told to the server's log with the delivery, and queues nothing. */
@BothStores
class FetchAndRunTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;

    @Test
    void anUnreachableRemoteIsLoggedWithTheDelivery() {
        var out = new ByteArrayOutputStream();
        String remote = home.resolve("no-such-forge.git").toUri().toString();
        var service = new KnownService("books", Optional.of(remote), "main", Instant.EPOCH);
        try (Store store = Store.open(testStore.url(home))) {
            store.services().put(service);
            new FetchAndRun(new RemoteFetch(home.resolve("repos"), store.services()), null, service, "a".repeat(40),
                    "webhook github (delivery d-1)", new PrintStream(out, true, StandardCharsets.UTF_8)).call();
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("warning: webhook github (delivery d-1): "
                + "a".repeat(40) + " of books not run: Fetching branch main of books from " + remote + " failed");
    }
}
