package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.BothStores;
import dev.gantry.GitRepo;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.config.Installation;
import dev.gantry.deploy.Effect;
import dev.gantry.deploy.Production;
import dev.gantry.deploy.RunJournal;
import dev.gantry.discovery.Discovery;
import dev.gantry.engine.ContainerExit;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.flow.Recovery;
import dev.gantry.image.Registry;
import dev.gantry.notify.Notifier;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import dev.gantry.stage.StageFailedException;
import dev.gantry.store.NewRun;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where each step runs when the CD engine and the production engine differ (docs/design.md, "Two engines"):
 * tests, builds, pushes and every test container on the CD engine; pulls and app containers on
 * production; recovery removes test containers on the CD engine.
 */
@BothStores
class TwoEnginesTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final String REGISTRY = "127.0.0.1:5000";

    @TempDir
    Path dir;

    private final RecordingEngine cd = new RecordingEngine();
    private final RecordingEngine production = new RecordingEngine();
    private Store store;
    private Discovery discovery;
    private ServiceSource source;
    private String commit;

    @BeforeEach
    void aCommittedService() {
        store = Store.open(testStore.url(dir.resolve("home")));
        discovery = Discovery.open("embedded", store);
        GitRepo repo = GitRepo.init(dir.resolve("repo"))
                .write("books/gantry.yml", """
                        service: books-ms
                        run: {replicas: 2, health: {path: /health, interval: 100ms, timeout: 1s}}
                        proxy: {path: /api/v1/books}
                        deploy: {drain: 1ms}
                        """)
                .write("books/Dockerfile", "FROM gantry/java:25\n")
                .write("books/Dockerfile.test", "FROM gantry/java:25\n");
        commit = repo.commit("Add books");
        source = ServiceSource.locate(repo.root().resolve("books"));
    }

    @AfterEach
    void closeStore() {
        discovery.close();
        store.close();
    }

    @Test
    void testsBuildsPushesAndTestContainersRunOnTheCdEngineAndTheReleaseOnProduction() {
        pipeline().run(source, source.config(), "cli");

        String app = REGISTRY + "/books-ms:" + commit;
        String tests = REGISTRY + "/books-ms-test:" + commit;
        assertThat(cd.calls).containsSubsequence("build " + tests, "run books-ms-pre-deployment-1-inst0001", "push " + tests,
                "push " + app, "pull " + tests, "run books-ms-pre-integration-1-inst0001", "run books-ms-post-integration-1-inst0001");
        assertThat(cd.calls).contains("build " + app).noneMatch(call -> call.startsWith("start "));
        assertThat(cd.running()).isEmpty();
        assertThat(production.calls).containsSubsequence("pull " + app, "start books-ms-blue-1-inst0001", "start books-ms-blue-2-inst0001")
                .noneMatch(call -> call.startsWith("build ") || call.startsWith("push ") || call.startsWith("run ")
                        || call.contains(tests));
        assertThat(production.running()).containsExactly("books-ms-blue-1-inst0001", "books-ms-blue-2-inst0001");
    }

    @Test
    void aFailingPreDeploymentTestNeverReachesProduction() {
        cd.testsExit("pre-deployment", new ContainerExit(1, false, false));

        assertThatThrownBy(() -> pipeline().run(source, source.config(), "cli"))
                .isInstanceOf(StageFailedException.class);

        assertThat(cd.calls).contains("run books-ms-pre-deployment-1-inst0001", "remove " + REGISTRY + "/books-ms:" + commit);
        assertThat(production.calls).isEmpty();
        assertThat(production.containers).isEmpty();
    }

    @Test
    void recoveryRemovesTheTestContainersOfADeadRunFromTheCdEngine() {
        long runId = store.runs().start(new NewRun("run", "books-ms", "r2", "Second", false, "cli (test)",
                "service: books-ms\nproxy: {path: /books}\n", "reg/books-ms:r2"));
        store.runs().stageStarted(runId, "pre-integration");
        new RunJournal(store.journal(), runId, "books-ms").started(new Effect.ContainerStarted("books-ms-blue-1-inst0001",
                "reg/books-ms:r2", null), () -> production.start(ContainerSpec.of("reg/books-ms:r2", "books-ms-blue-1-inst0001")
                .withLabels(Map.of("gantry.service", "books-ms", "gantry.colour", "blue", "gantry.role", "app"))));
        String testContainer = "books-ms-pre-integration-" + runId;
        cd.start(ContainerSpec.of("reg/books-ms-test:r2", testContainer).withLabels(Map.of("gantry.service", "books-ms",
                "gantry.run", Long.toString(runId), "gantry.role", "test", "gantry.installation", TestInstallation.ID.value())));

        List<Long> recovered = new Recovery(store, cd, new Production(TestInstallation.ID, production, discovery, new RecordingProxy()),
                RunListener.SILENT, Notifier.none()).recover("books-ms");

        assertThat(recovered).containsExactly(runId);
        assertThat(cd.containers).isEmpty();
        assertThat(cd.calls).contains("remove container " + testContainer).doesNotContain("remove container books-ms-blue-1-inst0001");
        assertThat(production.containers).isEmpty();
        assertThat(production.calls).contains("remove container books-ms-blue-1-inst0001")
                .doesNotContain("remove container " + testContainer);
    }

    private Pipeline pipeline() {
        var installation = Installation.load(Map.of("GANTRY_HOME", dir.resolve("home").toString(),
                "DOCKER_HOST", "unix:///production.sock", "GANTRY_CD_DOCKER_HOST", "unix:///cd.sock"));
        var onProduction = new Production(TestInstallation.ID, production, discovery, new RecordingProxy(), (url, timeout) -> 200);
        return new Pipeline(cd, Registry.at(REGISTRY), store, onProduction, installation, RunListener.SILENT,
                Pipeline.LOCK_WAIT, Notifier.none());
    }
}
