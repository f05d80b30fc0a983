package dev.gantry.pipeline;

import dev.gantry.BothStores;
import dev.gantry.ExitCode;
import dev.gantry.GitRepo;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.config.ConfigException;
import dev.gantry.notify.Notifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gantry.config.Installation;
import dev.gantry.config.ServiceConfig;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.discovery.ColourState;
import dev.gantry.discovery.Discovery;
import dev.gantry.engine.ContainerExit;
import dev.gantry.image.Registry;
import dev.gantry.proxy.Backend;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.proxy.Route;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageFailedException;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.StageRecord;
import dev.gantry.store.StageState;
import dev.gantry.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole flow against a recording engine, a recording proxy and embedded discovery. */
@BothStores
class PipelineTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final String REGISTRY = "127.0.0.1:5000";
    private static final String GANTRY_YML = """
            service: books-ms
            run: {replicas: 2, health: {path: /health, interval: 100ms, timeout: 1s}}
            proxy: {path: /api/v1/books}
            deploy: {drain: 1ms}
            """;

    @TempDir
    Path dir;

    private Path home;
    private Store store;
    private Discovery discovery;
    private final RecordingProxy proxy = new RecordingProxy();
    private int healthStatus = 200;
    private GitRepo repo;
    private ServiceSource source;
    private String commit;

    @BeforeEach
    void aCommittedService() {
        home = dir.resolve("home");
        store = Store.open(testStore.url(home));
        discovery = Discovery.open("embedded", store);
        repo = GitRepo.init(dir.resolve("repo"))
                .write("books/gantry.yml", GANTRY_YML)
                .write("books/Dockerfile", "FROM gantry/java:25\n")
                .write("books/Dockerfile.test", "FROM gantry/java:25\n")
                .write("books/src/Books.java", "class Books {}\n");
        commit = repo.commit("Add books");
        source = ServiceSource.locate(repo.root().resolve("books"));
    }

    @AfterEach
    void closeStore() {
        discovery.close();
        store.close();
    }

    @Test
    void aPassingRunTestsBuildsPushesAndPutsTheReleaseLiveBehindTheProxy() {
        var engine = new RecordingEngine();

        RunOutcome outcome = pipeline(engine).run(source, source.config(), "cli");

        String app = REGISTRY + "/books-ms:" + commit;
        String tests = REGISTRY + "/books-ms-test:" + commit;
        assertThat(outcome.appImage()).hasToString(app);
        assertThat(outcome.colour()).isEqualTo(Colour.BLUE);
        assertThat(outcome.url()).isEqualTo("http://127.0.0.1:8080/api/v1/books");
        assertThat(engine.calls).containsSubsequence("build " + tests, "run books-ms-pre-deployment-1-inst0001",
                "push " + tests, "push " + app, "start books-ms-blue-1-inst0001", "start books-ms-blue-2-inst0001",
                "run books-ms-pre-integration-1-inst0001", "run books-ms-post-integration-1-inst0001");
        assertThat(engine.calls).containsSubsequence("build " + tests, "build " + app);
        assertThat(engine.running()).containsExactly("books-ms-blue-1-inst0001", "books-ms-blue-2-inst0001");
        assertThat(proxy.routes.get("books-ms").backends())
                .containsExactly(new Backend("127.0.0.1", 32000), new Backend("127.0.0.1", 32001));
        assertThat(discovery.live("books-ms")).contains(Colour.BLUE);
        assertThat(discovery.colour("books-ms", Colour.BLUE)).hasValueSatisfying(record -> {
            assertThat(record.state()).isEqualTo(ColourState.LIVE);
            assertThat(record.release()).isEqualTo(commit);
        });
        RunRecord run = store.runs().find(outcome.runId()).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.colour()).contains("blue");
        assertThat(run.stages()).extracting(StageRecord::name).containsExactlyInAnyOrder("checkout", "test", "build",
                "push", "deploy", "register", "pre-integration", "switch", "post-integration");
        assertThat(run.stages()).extracting(StageRecord::state).containsOnly(StageState.PASSED);
        assertThat(home.resolve("workspaces")).isEmptyDirectory();
    }

    @Test
    void aCommitWhoseGantryYmlNotifiesWhereTheInstallationDoesNotAllowIsRefusedBeforeAnythingRuns() {
        var engine = new RecordingEngine();
        repo.write("books/gantry.yml", GANTRY_YML + "notify:\n  webhook: http://127.0.0.1:2379/v3/kv/put\n");
        repo.commit("Notify the etcd of the installation");
        ServiceSource hostile = ServiceSource.locate(repo.root().resolve("books"));

        assertThatThrownBy(() -> pipeline(engine).run(hostile, hostile.config(), "cli"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                    assertThat(e.problems()).singleElement().satisfies(problem -> {
                        assertThat(problem.keyPath()).isEqualTo("notify/webhook/0");
                        assertThat(problem.line()).isEqualTo(GANTRY_YML.split("\n").length + 2);
                    });
                    assertThat(e.getMessage()).contains("was \"http://127.0.0.1:2379/v3/kv/put\"",
                            "allowed: none (notify-allowed-urls is not set)");
                });
        assertThat(engine.calls).isEmpty();
        assertThat(store.runs().history("books-ms", 10)).isEmpty();
    }

    @Test
    void integrationTestsTargetTheCandidateDirectlyThenThroughTheProxy() {
        var engine = new RecordingEngine();

        pipeline(engine).run(source, source.config(), "cli");

        assertThat(engine.testContainers).extracting(spec -> spec.env().get("TEST_TYPE")).containsExactly(
                "pre-deployment", "pre-integration", "post-integration");
        assertThat(engine.testContainers.getFirst().env()).doesNotContainKey("TARGET_URL");
        assertThat(engine.testContainers.subList(1, 3)).extracting(spec -> spec.env().get("TARGET_URL"))
                .allMatch(url -> url.matches("http://127\\.0\\.0\\.1:\\d+"), "a relay on the test network's gateway")
                .doesNotContain("http://127.0.0.1:32000", "http://127.0.0.1:8080");
        assertThat(store.runs().stageLog(1, "pre-integration")).hasValueSatisfying(log ->
                assertThat(log).contains("is relayed to http://127.0.0.1:32000"));
        assertThat(store.runs().stageLog(1, "post-integration")).hasValueSatisfying(log ->
                assertThat(log).contains("is relayed to http://127.0.0.1:8080"));
        assertThat(engine.testContainers.subList(1, 3)).extracting(spec -> spec.env().get("GANTRY_PROXY_PATH"))
                .containsOnly("/api/v1/books");
        String network = "books-ms-pre-integration-1-" + TestInstallation.ID.value();
        assertThat(engine.testContainers.get(1).network()).contains(network);
        assertThat(engine.calls).containsSubsequence("create network " + network, "run " + network,
                "remove network " + network);
        assertThat(engine.networks).isEmpty();
        assertThat(engine.testContainers.get(1).env()).containsEntry("GANTRY_COLOUR", "blue");
    }

    @Test
    void aSecondReleaseGoesLiveInTheOtherColourAndTheOldColourIsRetired() {
        var engine = new RecordingEngine();
        pipeline(engine).run(source, source.config(), "cli");
        repo.write("books/src/Books.java", "class Books { int v = 2; }\n");
        String second = repo.commit("Second");

        RunOutcome outcome = pipeline(engine).run(ServiceSource.locate(source.workTree().resolve("books")),
                source.config(), "cli");

        assertThat(outcome.colour()).isEqualTo(Colour.GREEN);
        assertThat(engine.running()).containsExactly("books-ms-green-1-inst0001", "books-ms-green-2-inst0001");
        assertThat(engine.calls).contains("stop books-ms-blue-1-inst0001", "stop books-ms-blue-2-inst0001");
        assertThat(discovery.live("books-ms")).contains(Colour.GREEN);
        assertThat(discovery.colours("books-ms")).containsOnlyKeys(Colour.GREEN);
        assertThat(discovery.colour("books-ms", Colour.GREEN).orElseThrow().release()).isEqualTo(second);
        assertThat(proxy.routes.get("books-ms").backends()).extracting(Backend::port).containsExactly(32002, 32003);
    }

    @Test
    void aCandidateThatNeverGetsHealthyIsRemovedAndTheLiveReleaseStaysLiveRoutedAndRegistered() {
        var engine = new RecordingEngine();
        pipeline(engine).run(source, source.config(), "cli");
        var before = proxy.routes();
        repo.write("books/src/Books.java", "class Books { broken }\n");
        repo.commit("Broken");
        healthStatus = 503;

        assertThatThrownBy(() -> pipeline(engine).run(ServiceSource.locate(source.workTree().resolve("books")),
                source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> {
                    assertThat(e.stage()).isEqualTo(Stage.DEPLOY);
                    assertThat(e.reason()).contains("books-ms-green-1-inst0001 did not answer /health with 2xx within 1s");
                    assertThat(e.lastLines()).contains("books-ms-green-1-inst0001 listening on 8080");
                });

        assertLiveReleaseUntouched(engine, before);
        RunRecord failed = store.runs().history("books-ms", 1).getFirst();
        assertThat(failed.failedStage()).contains("deploy");
        assertThat(failed.stages()).extracting(StageRecord::name).contains("undo");
    }

    @Test
    void aDeployStagePastItsDeadlineIsStoppedAndUndoneAndTheLiveReleaseStaysAsItWas() {
        var engine = new RecordingEngine();
        pipeline(engine).run(source, source.config(), "cli");
        var before = proxy.routes();
        repo.write("books/src/Books.java", "class Books { int v = 6; }\n");
        repo.commit("Sixth");
        engine.hangOnStartOf("books-ms-green-2-inst0001");
        ServiceConfig withDeadline = ServiceConfig.parse("""
                service: books-ms
                run: {replicas: 2, health: {path: /health, interval: 100ms, timeout: 500ms}}
                proxy: {path: /api/v1/books}
                deploy: {drain: 1ms}
                deadlines: {deploy: 1s}
                """, "gantry.yml");

        assertThatThrownBy(() -> pipeline(engine).run(ServiceSource.locate(source.workTree().resolve("books")),
                withDeadline, "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> {
                    assertThat(e.stage()).isEqualTo(Stage.DEPLOY);
                    assertThat(e.reason()).isEqualTo("passed its deadline of 1s (deadlines/deploy in gantry.yml)");
                });

        assertThat(engine.interrupted).containsExactly("start books-ms-green-2-inst0001");
        assertThat(engine.calls).containsSubsequence("start books-ms-green-1-inst0001", "start books-ms-green-2-inst0001",
                "remove container books-ms-green-1-inst0001");
        assertLiveReleaseUntouched(engine, before);
        RunRecord failed = store.runs().history("books-ms", 1).getFirst();
        assertThat(failed.failedStage()).contains("deploy");
        assertThat(failed.message()).contains("stage deploy failed: passed its deadline of 1s (deadlines/deploy in gantry.yml)");
        assertThat(failed.stages()).extracting(StageRecord::name, StageRecord::state).containsSubsequence(
                tuple("deploy", StageState.FAILED), tuple("undo", StageState.PASSED));
    }

    @Test
    void aRouteTheProxyRefusesFailsTheRegisterStageBeforeTheTestsAndTheSwitchAndTheLiveReleaseStays() {
        var engine = new RecordingEngine();
        pipeline(engine).run(source, source.config(), "cli");
        var before = proxy.routes();
        long preIntegrationRuns = engine.calls.stream().filter(call -> call.startsWith("run books-ms-pre-integration")).count();
        assertThat(preIntegrationRuns).isPositive();
        repo.write("books/src/Books.java", "class Books { int v = 7; }\n");
        repo.commit("Seventh");
        proxy.refusal = new ProxyException("HAProxy rejected the configuration Gantry rendered: [ALERT] parsing error"
                + "\nThe running proxy keeps its previous configuration.");

        assertThatThrownBy(() -> pipeline(engine).run(ServiceSource.locate(source.workTree().resolve("books")),
                source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> {
                    assertThat(e.stage()).isEqualTo(Stage.REGISTER);
                    assertThat(e.reason()).contains("HAProxy rejected the configuration Gantry rendered");
                });

        assertThat(engine.calls).filteredOn(call -> call.startsWith("run books-ms-pre-integration")).hasSize((int) preIntegrationRuns);
        assertThat(proxy.calls).filteredOn(call -> call.startsWith("route")).hasSize(1);
        assertLiveReleaseUntouched(engine, before);
        assertThat(store.runs().history("books-ms", 1).getFirst().stages()).extracting(StageRecord::name)
                .doesNotContain("pre-integration", "switch");
    }

    @Test
    void aFailingPreIntegrationTestLeavesTheLiveReleaseAsItWas() {
        var engine = new RecordingEngine();
        pipeline(engine).run(source, source.config(), "cli");
        var before = proxy.routes();
        repo.write("books/src/Books.java", "class Books { int v = 3; }\n");
        repo.commit("Third");
        engine.testsExit("pre-integration", new ContainerExit(1, false, false));

        assertThatThrownBy(() -> pipeline(engine).run(ServiceSource.locate(source.workTree().resolve("books")),
                source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> {
                    assertThat(e.stage()).isEqualTo(Stage.PRE_INTEGRATION);
                    assertThat(e.lastLines()).contains("FAIL delete book: expected 204 but was 500");
                });

        assertLiveReleaseUntouched(engine, before);
    }

    @Test
    void aFailingPostIntegrationTestRoutesBackAndMovesTheLivePointerBack() {
        var engine = new RecordingEngine();
        pipeline(engine).run(source, source.config(), "cli");
        var before = proxy.routes();
        repo.write("books/src/Books.java", "class Books { int v = 4; }\n");
        repo.commit("Fourth");
        engine.testsExit("post-integration", new ContainerExit(2, false, false));

        assertThatThrownBy(() -> pipeline(engine).run(ServiceSource.locate(source.workTree().resolve("books")),
                source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e ->
                        assertThat(e.stage()).isEqualTo(Stage.POST_INTEGRATION));

        assertThat(proxy.calls).filteredOn(call -> call.startsWith("route")).hasSize(3);
        assertLiveReleaseUntouched(engine, before);
    }

    @Test
    void rollbackPutsThePreviousReleaseBackWithoutRunningItsTests() {
        var engine = new RecordingEngine();
        pipeline(engine).run(source, source.config(), "cli");
        repo.write("books/src/Books.java", "class Books { int v = 5; }\n");
        repo.commit("Fifth");
        pipeline(engine).run(ServiceSource.locate(source.workTree().resolve("books")), source.config(), "cli");
        int testsBefore = engine.testContainers.size();

        RunOutcome outcome = pipeline(engine).rollback("books-ms", "cli");

        assertThat(outcome.release()).isEqualTo(commit);
        assertThat(outcome.colour()).isEqualTo(Colour.BLUE);
        assertThat(discovery.colour("books-ms", Colour.BLUE).orElseThrow().release()).isEqualTo(commit);
        assertThat(engine.running()).containsExactly("books-ms-blue-1-inst0001", "books-ms-blue-2-inst0001");
        assertThat(engine.testContainers).hasSize(testsBefore);
        assertThat(store.runs().find(outcome.runId()).orElseThrow().kind()).isEqualTo("rollback");
    }

    @Test
    void failingTestsPushNothingAndDiscardTheAppImageBuiltMeanwhile() {
        var engine = new RecordingEngine().testsExit("pre-deployment", new ContainerExit(1, false, false));

        assertThatThrownBy(() -> pipeline(engine).run(source, source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> {
                    assertThat(e.stage()).isEqualTo(Stage.TEST);
                    assertThat(e.reason()).contains("pre-deployment tests failed").contains("exited with code 1");
                    assertThat(e.lastLines()).containsExactly("PASS list books", "FAIL delete book: expected 204 but was 500");
                });

        assertThat(engine.calls).noneMatch(call -> call.startsWith("push ") || call.startsWith("start "));
        assertThat(engine.calls).last().isEqualTo("remove " + REGISTRY + "/books-ms:" + commit);
        RunRecord run = store.runs().history("books-ms", 1).getFirst();
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.failedStage()).contains("test");
        assertThat(proxy.calls).isEmpty();
    }

    @Test
    void aTestImageThatDoesNotBuildFailsTheTestStageAndTheAppImageIsNeverBuilt() {
        var engine = new RecordingEngine().failBuildOf(REGISTRY + "/books-ms-test:");

        assertThatThrownBy(() -> pipeline(engine).run(source, source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> {
                    assertThat(e.stage()).isEqualTo(Stage.TEST);
                    assertThat(e.reason()).contains("unknown instruction: FORM");
                });
        assertThat(engine.calls).doesNotContain("build " + REGISTRY + "/books-ms:" + commit);
        assertThat(store.runs().history("books-ms", 1).getFirst().stages()).extracting(StageRecord::name)
                .containsExactly("checkout", "test");
    }

    @Test
    void aTestContainerPastItsDeadlineFailsTheTestStage() {
        var engine = new RecordingEngine().testsExit("pre-deployment", new ContainerExit(137, false, true));

        assertThatThrownBy(() -> pipeline(engine).run(source, source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> assertThat(e.reason()).isEqualTo(
                        "the pre-deployment tests failed: the test container did not finish within 10m"
                                + " (tests/pre-deployment/timeout in gantry.yml) and was killed"));
    }

    @Test
    void aBrokenDockerfileFailsTheBuildStageWithDockersMessageAndPushesNothing() {
        var engine = new RecordingEngine().failBuildOf(REGISTRY + "/books-ms:");

        assertThatThrownBy(() -> pipeline(engine).run(source, source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> {
                    assertThat(e.stage()).isEqualTo(Stage.BUILD);
                    assertThat(e.reason()).contains("unknown instruction: FORM");
                });
        assertThat(engine.calls).noneMatch(call -> call.startsWith("push "));
        assertThat(store.runs().history("books-ms", 1).getFirst().failedStage()).contains("build");
    }

    @Test
    void theCheckoutHoldsExactlyTheServiceFilesOfTheCommit() {
        pipeline(new RecordingEngine()).run(source, source.config(), "cli");

        assertThat(store.runs().stageLog(1, "checkout")).hasValueSatisfying(log ->
                assertThat(log).contains("checked out 4 files of " + commit.substring(0, 12)));
    }

    @Test
    void aMissingTestDockerfileSaysWhichFileToAdd() {
        GitRepo other = GitRepo.init(dir.resolve("other")).write("gantry.yml", "service: other\n")
                .write("Dockerfile", "FROM gantry/java:25\n");
        other.commit("no tests");
        ServiceSource source = ServiceSource.locate(other.root());

        assertThatThrownBy(() -> pipeline(new RecordingEngine()).run(source, source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e ->
                        assertThat(e.reason()).contains("there is no Dockerfile.test in the commit"));
        assertThat(Files.exists(home.resolve("workspaces/other-1"))).isFalse();
    }

    private void assertLiveReleaseUntouched(RecordingEngine engine, Map<String, Route> routesBefore) {
        assertThat(engine.running()).containsExactly("books-ms-blue-1-inst0001", "books-ms-blue-2-inst0001");
        assertThat(engine.list(Map.of("gantry.colour", "green"))).isEmpty();
        assertThat(proxy.routes()).isEqualTo(routesBefore);
        assertThat(discovery.live("books-ms")).contains(Colour.BLUE);
        assertThat(discovery.colours("books-ms")).containsOnlyKeys(Colour.BLUE);
        assertThat(discovery.colour("books-ms", Colour.BLUE).orElseThrow().state()).isEqualTo(ColourState.LIVE);
        RunRecord failed = store.runs().history("books-ms", 1).getFirst();
        assertThat(failed.state()).isEqualTo(RunState.FAILED);
    }

    private Pipeline pipeline(RecordingEngine engine) {
        var installation = Installation.load(Map.of("GANTRY_HOME", home.toString()));
        var production = new Production(TestInstallation.ID, engine, discovery, proxy, (url, timeout) -> healthStatus);
        return new Pipeline(engine, Registry.at(REGISTRY), store, production, installation,
                RunListener.SILENT, Pipeline.LOCK_WAIT, Notifier.none());
    }
}
