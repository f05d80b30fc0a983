package dev.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.config.ServiceConfig;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourRecord;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.image.ImageReference;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.store.NewRun;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The cleanup stage drains first; stopped during the drain (its deadline passed), it ends failed and stops nothing. */
@BothStores
class RetireColourTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final ColourRecord BLUE = new ColourRecord("r1", "127.0.0.1:5000/books-ms:r1", ColourState.DRAINING,
            List.of(new Instance("127.0.0.1", 32001, "books-ms-blue-1")));

    @TempDir
    Path dir;

    private Store store;
    private Discovery discovery;
    private final RunningEngine engine = new RunningEngine();

    @BeforeEach
    void openDiscovery() {
        store = Store.open(testStore.url(dir));
        discovery = Discovery.open("embedded", store);
        discovery.put("books-ms", Colour.BLUE, BLUE);
    }

    @AfterEach
    void close() {
        Thread.interrupted();
        discovery.close();
        store.close();
    }

    @Test
    void anInterruptedDrainFailsAtOnceAndLeavesTheOldColourRunningAndRegistered() {
        var config = ServiceConfig.parse("service: books-ms\ndeploy: {drain: 5m}\n", "gantry.yml");
        var deployment = new Deployment(TestInstallation.ID, 2, config, "r2", ImageReference.parse("127.0.0.1:5000/books-ms:r2"),
                ImageReference.parse("127.0.0.1:5000/books-ms-test:r2"));
        var production = new Production(TestInstallation.ID, engine.engine(), discovery, new RecordingProxy(), (url, timeout) -> 200);
        long runId = store.runs().start(new NewRun("run", "books-ms", "r2", "r2", false, "test", "service: books-ms", "img"));
        var journal = new RunJournal(store.journal(), runId, "books-ms");
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> new RetireColour(production).run(deployment, Colour.BLUE, config.deploy().drain(), journal,
                line -> { }))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("interrupted while the old colour drained; it was not stopped");

        assertThat(engine.calls).isEmpty();
        assertThat(discovery.colour("books-ms", Colour.BLUE)).contains(BLUE);
        assertThat(journal.entries()).isEmpty();
    }
}
