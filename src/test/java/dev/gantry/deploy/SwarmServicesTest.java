package dev.gantry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.config.ServiceConfig;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.Discovery;
import dev.gantry.discovery.Instance;
import dev.gantry.image.ImageReference;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.store.NewRun;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A colour on a Swarm is one service (docs/swarm.md): its definition comes from gantry.yml, its replicas are
 * its tasks at their nodes' addresses, its creation is journaled and undone by id, a failing task fails the
 * deploy with Swarm's reason, and nothing but this installation's own services is ever removed.
 */
@BothStores
class SwarmServicesTest {
    private static final String GREEN = "books-ms-green-" + TestInstallation.ID.value();
    private static final String BLUE = "books-ms-blue-" + TestInstallation.ID.value();

    @RegisterExtension
    final TestStore testStore = new TestStore();

    @TempDir
    Path dir;

    private final FakeSwarm swarm = new FakeSwarm();
    private final List<String> log = new ArrayList<>();
    private Store store;
    private RunJournal journal;
    private Deployment deployment;

    @BeforeEach
    void open() {
        store = Store.open(testStore.url(dir));
        long runId = store.runs().start(new NewRun("run", "books-ms", "r2", "r2", false, "test", "service: books-ms", "img"));
        journal = new RunJournal(store.journal(), runId, "books-ms");
        var config = ServiceConfig.parse("""
                service: books-ms
                run:
                  replicas: 2
                  env: {MODE: prod}
                  restart: {condition: on-failure, max-attempts: 5}
                  resources: {memory: 256MiB}
                  placement: {constraints: [node.role==worker], max-per-node: 1}
                """, "gantry.yml");
        deployment = new Deployment(TestInstallation.ID, runId, config, "r2", ImageReference.parse("127.0.0.1:5000/books-ms:r2"),
                ImageReference.parse("127.0.0.1:5000/books-ms-test:r2"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void startCreatesTheCandidatesServiceFromGantryYmlAndFindsEachReplicaAtItsNode() {
        List<Instance> replicas = swarmServices().start(deployment, Colour.GREEN, journal, log::add);

        assertThat(replicas).containsExactly(new Instance("10.214.0.11", 30001, GREEN + ".1"),
                new Instance("10.214.0.12", 30002, GREEN + ".2"));
        var definition = swarm.created.get("id-" + GREEN);
        assertThat(definition.image()).isEqualTo("127.0.0.1:5000/books-ms:r2");
        assertThat(definition.replicas()).isEqualTo(2);
        assertThat(definition.port()).isEqualTo(8080);
        assertThat(definition.env()).containsEntry("MODE", "prod").containsEntry("GANTRY_COLOUR", "green")
                .containsEntry("GANTRY_RELEASE", "r2");
        assertThat(definition.labels()).containsEntry("gantry.colour", "green").containsEntry("gantry.role", "app")
                .containsEntry("gantry.installation", TestInstallation.ID.value());
        assertThat(definition.restart()).isEqualTo(new dev.gantry.engine.ServiceDefinition.Restart("on-failure",
                Duration.ofSeconds(1), 5, Duration.ofMinutes(2)));
        assertThat(definition.memoryBytes()).isEqualTo(256L << 20);
        assertThat(definition.constraints()).containsExactly("node.role==worker");
        assertThat(definition.maxPerNode()).isEqualTo(1);
        assertThat(journal.entries()).extracting(RunJournal.Journaled::effect)
                .containsExactly(new Effect.ServiceCreated(GREEN, "127.0.0.1:5000/books-ms:r2", "id-" + GREEN));
        assertThat(log).contains("started " + GREEN + ".2 on node2 at 10.214.0.12:30002");
    }

    @Test
    void aTaskThatFailsFailsTheDeployAtOnceWithSwarmsReasonAndTheServicesOutput() {
        swarm.failTasksWith("No such image: 127.0.0.1:5000/books-ms:r2");

        assertThatThrownBy(() -> swarmServices().start(deployment, Colour.GREEN, journal, log::add))
                .isInstanceOf(DeployFailedException.class)
                .hasMessage("a task of " + GREEN + " rejected: No such image: 127.0.0.1:5000/books-ms:r2")
                .satisfies(e -> assertThat(((DeployFailedException) e).lastLines()).singleElement().asString()
                        .contains("no config"));
    }

    @Test
    void undoRemovesTheServiceItMadeByItsId() {
        swarmServices().start(deployment, Colour.GREEN, journal, log::add);

        List<String> failures = journal.undo(production(), "test", log::add);

        assertThat(failures).isEmpty();
        assertThat(swarm.removed).containsExactly(GREEN);
        assertThat(swarm.services).isEmpty();
    }

    @Test
    void scalingTellsTheLiveServiceHowManyTasksToRunAndUndoTellsItTheNumberBefore() {
        swarmServices().start(deployment, Colour.GREEN, journal, log::add);
        swarm.ended("id-" + GREEN, "task-crashed", "failed", "shutdown");  // an earlier crash in its history
        long scaleRun = store.runs().start(new NewRun("scale", "books-ms", "r2", "scale", false, "test", "service: books-ms",
                "img"));
        var scaling = new RunJournal(store.journal(), scaleRun, "books-ms");

        List<Instance> up = swarmServices().addReplicas(scaled(scaleRun, 3), Colour.GREEN, 3, scaling, log::add);

        assertThat(up).extracting(Instance::container).containsExactly(GREEN + ".1", GREEN + ".2", GREEN + ".3");
        assertThat(swarmServices().surplus(TestInstallation.ID, "books-ms", Colour.GREEN, 1)).as("Swarm chooses").isEmpty();
        List<Instance> down = swarmServices().removeReplicas(scaled(scaleRun, 1), Colour.GREEN, 1, scaling, log::add);

        assertThat(down).extracting(Instance::container).containsExactly(GREEN + ".1");
        assertThat(scaling.entries()).extracting(RunJournal.Journaled::effect).containsExactly(
                new Effect.ServiceScaled(GREEN, "id-" + GREEN, 3, 2), new Effect.ServiceScaled(GREEN, "id-" + GREEN, 1, 3));
        assertThat(scaling.undo(production(), "test", log::add)).isEmpty();
        assertThat(swarm.service(GREEN).orElseThrow().replicas()).isEqualTo(2);
        assertThat(swarmServices().running(TestInstallation.ID, "books-ms", Colour.GREEN)).hasSize(2);
    }

    private Deployment scaled(long runId, int replicas) {
        return new Deployment(TestInstallation.ID, runId, deployment.config().withReplicas(replicas), "r2",
                deployment.appImage(), deployment.testImage());
    }

    @Test
    void aServiceLeftInTheCandidateColourIsRemovedBeforeTheNewOneIsMade() {
        swarm.existing(GREEN, Labels.selector(TestInstallation.ID, "books-ms", Colour.GREEN));

        swarmServices().start(deployment, Colour.GREEN, journal, log::add);

        assertThat(swarm.removed).containsExactly(GREEN);
        assertThat(journal.entries()).extracting(RunJournal.Journaled::effect).containsExactly(
                new Effect.ServiceRemoved(GREEN), new Effect.ServiceCreated(GREEN, "127.0.0.1:5000/books-ms:r2", "id-" + GREEN));
    }

    @Test
    void aServiceOfTheSameNameThatIsNotThisInstallationsIsRefusedAndLeftAlone() {
        swarm.existing(GREEN, Map.of("owner", "someone else"));

        assertThatThrownBy(() -> swarmServices().start(deployment, Colour.GREEN, journal, log::add))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("a Swarm service named " + GREEN + " exists and is not Gantry's");
        assertThat(swarm.removed).isEmpty();
        assertThat(swarm.created).isEmpty();
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void stopRemovesOnlyTheOldColoursServiceOfThisInstallation() {
        swarm.existing(BLUE, Labels.selector(TestInstallation.ID, "books-ms", Colour.BLUE));
        swarm.existing("books-ms-blue-other", Map.of("gantry.service", "books-ms", "gantry.colour", "blue"));

        swarmServices().stop(deployment, Colour.BLUE, journal, log::add);

        assertThat(swarm.removed).containsExactly(BLUE);
        assertThat(journal.entries()).extracting(RunJournal.Journaled::effect).containsExactly(new Effect.ServiceRemoved(BLUE));
    }

    @Test
    void theCrashesOfAColourAreItsTasksThatFailedOrExitedByThemselvesNotThoseSwarmStopped() {
        swarmServices().start(deployment, Colour.GREEN, journal, log::add);
        swarm.ended("id-" + GREEN, "crashed", "failed", "shutdown");
        swarm.ended("id-" + GREEN, "exited", "complete", "shutdown");
        swarm.ended("id-" + GREEN, "node-gone", "orphaned", "shutdown");
        swarm.ended("id-" + GREEN, "stopped", "shutdown", "shutdown");

        assertThat(swarmServices().crashes(TestInstallation.ID, "books-ms", Colour.GREEN)).containsExactlyInAnyOrder("crashed", "exited");
        assertThat(swarmServices().crashes(TestInstallation.ID, "books-ms", Colour.BLUE)).isEmpty();
    }

    @Test
    void aReplicaIsDescribedWithItsNode() {
        List<Instance> replicas = swarmServices().start(deployment, Colour.GREEN, journal, log::add);

        assertThat(swarmServices().state(replicas.get(1))).isEqualTo("running on node2");
        assertThat(swarmServices().describe()).isEqualTo("Docker Swarm through the manager at unix:///fake/manager.sock;"
                + " nodes: node1 ready/active (manager), node2 ready/active, node3 ready/active");
    }

    private SwarmServices swarmServices() {
        return new SwarmServices(swarm.manager(), (url, timeout) -> 200);
    }

    private Production production() {
        Discovery discovery = Discovery.open("embedded", store);
        return new Production(TestInstallation.ID, swarm.manager(), swarmServices(), discovery, new RecordingProxy());
    }
}
