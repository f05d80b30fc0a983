package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.TestStore;
import dev.gantry.store.NewRun;
import dev.gantry.store.StageState;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What {@code deploy} accepts, decided from the store alone: no registry is asked (there is none here). */
@BothStores
class DeployableImageTest {
    private static final String REGISTRY = "127.0.0.1:5000";

    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path home;

    private Store store;

    @BeforeEach
    void open() {
        store = Store.open(testStore.url(home));
        long run = store.runs().start(new NewRun("run", "books", "c1", "Add books", false, "cli",
                "service: books\nimage: books-ms\n", REGISTRY + "/books-ms:c1"));
        for (String stage : new String[] {"test", "push"}) {
            store.runs().stageStarted(run, stage);
            store.runs().stageFinished(run, stage, StageState.PASSED, Optional.empty(), home.resolve(stage), "");
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anImageARunTestedIsAcceptedByTagOrByItsWholeName() {
        assertThat(DeployableImage.check(store, REGISTRY, "books", "c1", false)).hasToString(REGISTRY + "/books-ms:c1");
        assertThat(DeployableImage.check(store, REGISTRY, "books", REGISTRY + "/books-ms:c1", false))
                .hasToString(REGISTRY + "/books-ms:c1");
    }

    @Test
    void anImageNoRunTestedIsRefusedUnlessUntestedIsSaid() {
        assertThatThrownBy(() -> DeployableImage.check(store, REGISTRY, "books", "c2", false))
                .isInstanceOf(ImageRefusedException.class)
                .hasMessageStartingWith(REGISTRY + "/books-ms:c2 was not built and tested by a run of books:")
                .hasMessageContaining("pass --untested");
        assertThat(new ImageRefusedException("x").exitCode().code()).isEqualTo(2);
        assertThat(DeployableImage.check(store, REGISTRY, "books", "c2", true)).hasToString(REGISTRY + "/books-ms:c2");
    }

    @Test
    void anImageOfAnotherRegistryIsRefusedEvenUntested() {
        for (boolean untested : new boolean[] {false, true}) {
            assertThatThrownBy(() -> DeployableImage.check(store, REGISTRY, "books", "evil.example.com/books-ms:c1",
                    untested)).isInstanceOf(ImageRefusedException.class)
                    .hasMessageStartingWith("evil.example.com/books-ms:c1 names the registry evil.example.com, but this"
                            + " installation uses 127.0.0.1:5000")
                    .hasMessageContaining("Gantry sends no request to a registry it does not use");
        }
    }

    @Test
    void aServiceNeverRunHasNothingToDeploy() {
        assertThatThrownBy(() -> DeployableImage.check(store, REGISTRY, "users", "c1", true))
                .isInstanceOf(NothingToDeployException.class).hasMessageStartingWith("Gantry has never run users");
    }
}
