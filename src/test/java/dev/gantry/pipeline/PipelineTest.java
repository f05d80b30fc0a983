package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.config.Installation;
import dev.gantry.engine.ContainerExit;
import dev.gantry.image.Registry;
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
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    private static final String REGISTRY = "127.0.0.1:5000";

    @TempDir
    Path dir;

    private Path home;
    private Store store;
    private ServiceSource source;
    private String commit;

    @BeforeEach
    void aCommittedService() {
        home = dir.resolve("home");
        store = Store.open("jdbc:sqlite:" + home.resolve("gantry.db"));
        GitRepo repo = GitRepo.init(dir.resolve("repo"))
                .write("books/gantry.yml", "service: books-ms\n")
                .write("books/Dockerfile", "FROM gantry/java:25\n")
                .write("books/Dockerfile.test", "FROM gantry/java:25\n")
                .write("books/src/Books.java", "class Books {}\n");
        commit = repo.commit("Add books");
        source = ServiceSource.locate(repo.root().resolve("books"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aPassingRunPushesTheTestImageAfterItsTestsAndTheAppImageLast() {
        var engine = new RecordingEngine();

        RunOutcome outcome = pipeline(engine).run(source, source.config(), "cli");

        String app = REGISTRY + "/books-ms:" + commit;
        String tests = REGISTRY + "/books-ms-test:" + commit;
        assertThat(outcome.appImage()).hasToString(app);
        assertThat(engine.calls).containsSubsequence("build " + tests, "run books-ms-pre-deployment-1", "push " + tests);
        assertThat(engine.calls).containsSubsequence("build " + tests, "build " + app);
        assertThat(engine.calls).contains("build " + app).last().isEqualTo("push " + app);
        assertThat(engine.builds).allSatisfy(build -> assertThat(build.labels())
                .containsEntry("gantry.service", "books-ms").containsEntry("gantry.release", commit));
        RunRecord run = store.runs().find(outcome.runId()).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.stages()).extracting(StageRecord::name)
                .containsExactlyInAnyOrder("checkout", "test", "build", "push");
        assertThat(run.stages()).extracting(StageRecord::state).containsOnly(StageState.PASSED);
        assertThat(home.resolve("workspaces")).isEmptyDirectory();
    }

    @Test
    void theCheckoutHoldsExactlyTheServiceFilesOfTheCommit() {
        var engine = new RecordingEngine();
        pipeline(engine).run(source, source.config(), "cli");

        assertThat(store.runs().stageLog(1, "checkout")).hasValueSatisfying(log ->
                assertThat(log).contains("checked out 4 files of " + commit.substring(0, 12)));
    }

    @Test
    void failingTestsPushNothingAndDiscardTheAppImageBuiltMeanwhile() {
        var engine = new RecordingEngine().testsExit(new ContainerExit(1, false, false));

        assertThatThrownBy(() -> pipeline(engine).run(source, source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> {
                    assertThat(e.stage()).isEqualTo(Stage.TEST);
                    assertThat(e.reason()).contains("pre-deployment tests failed").contains("exited with code 1");
                    assertThat(e.lastLines()).contains("FAIL delete book: expected 204 but was 500");
                });

        assertThat(engine.calls).noneMatch(call -> call.startsWith("push "));
        assertThat(engine.calls).last().isEqualTo("remove " + REGISTRY + "/books-ms:" + commit);
        RunRecord run = store.runs().history("books-ms", 1).getFirst();
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.failedStage()).contains("test");
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
        var engine = new RecordingEngine().testsExit(new ContainerExit(137, false, true));

        assertThatThrownBy(() -> pipeline(engine).run(source, source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e ->
                        assertThat(e.reason()).contains("did not finish before its deadline"));
    }

    @Test
    void aBrokenDockerfileFailsTheBuildStageWithDockersMessage() {
        var engine = new RecordingEngine().failBuildOf(REGISTRY + "/books-ms:");

        assertThatThrownBy(() -> pipeline(engine).run(source, source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> {
                    assertThat(e.stage()).isEqualTo(Stage.BUILD);
                    assertThat(e.reason()).contains("unknown instruction: FORM");
                });
        assertThat(engine.calls).doesNotContain("push " + REGISTRY + "/books-ms:" + commit);
        assertThat(store.runs().history("books-ms", 1).getFirst().failedStage()).contains("build");
    }

    @Test
    void aMissingTestDockerfileSaysWhichFileToAdd() throws Exception {
        GitRepo repo = GitRepo.init(dir.resolve("other")).write("gantry.yml", "service: other\n")
                .write("Dockerfile", "FROM gantry/java:25\n");
        repo.commit("no tests");
        ServiceSource other = ServiceSource.locate(repo.root());

        assertThatThrownBy(() -> pipeline(new RecordingEngine()).run(other, other.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e ->
                        assertThat(e.reason()).contains("there is no Dockerfile.test in the commit"));
        assertThat(Files.exists(home.resolve("workspaces/other-1"))).isFalse();
    }

    private Pipeline pipeline(RecordingEngine engine) {
        var installation = Installation.load(Map.of("GANTRY_HOME", home.toString()));
        return new Pipeline(engine, Registry.at(REGISTRY), store, installation, RunListener.SILENT);
    }
}
