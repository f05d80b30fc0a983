package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.it.GantryCli.Result;
import dev.gantry.it.HistoryRows.Row;
import dev.gantry.it.StageLines.Finished;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code gantry run} on the real example, examples/books-ms: from a commit to a tested release in production. */
class ExampleServiceIT {
    private static final List<String> STAGES = List.of("checkout", "test", "build", "push", "deploy", "register",
            "pre-integration", "switch", "post-integration");

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aCommitOfTheExampleEndsAsATestedReleaseLiveBehindTheProxy() throws Exception {
        ServiceRepo repo = sandbox.example();
        String commit = repo.head();

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(StageLines.started(run.stdout())).as("%s", run).containsExactlyInAnyOrderElementsOf(STAGES);
        Map<String, Finished> finished = StageLines.finished(run.stdout());
        assertThat(finished).as("%s", run).containsOnlyKeys(STAGES);
        for (var stage : finished.entrySet()) {
            assertThat(stage.getValue().state()).as("stage %s in%n%s", stage.getKey(), run).isEqualTo("passed");
            assertThat(stage.getValue().log()).as("log of stage %s", stage.getKey())
                    .startsWith(sandbox.home().resolve("logs").resolve(sandbox.service()))
                    .isRegularFile();
            assertThat(Files.size(stage.getValue().log())).as("size of %s", stage.getValue().log()).isPositive();
        }
        assertThat(Files.readString(finished.get("test").log())).as("the test stage's log")
                .contains("TEST_TYPE=pre-deployment")
                .contains(" passed, 0 failed");
        assertThat(Files.readString(finished.get("push").log())).as("the push stage's log")
                .contains("pushed " + RegistryApi.ADDRESS + "/" + sandbox.service() + "-test:" + commit)
                .contains("pushed " + RegistryApi.ADDRESS + "/" + sandbox.service() + ":" + commit);

        assertThat(sandbox.registry().hasImage(sandbox.service(), commit)).as("the app image in the registry").isTrue();
        assertThat(sandbox.registry().hasImage(sandbox.service() + "-test", commit)).as("the test image in the registry")
                .isTrue();
        assertThat(sandbox.allContainers(Map.of())).as("the service's containers: its replicas, no test container")
                .containsExactly(sandbox.service() + "-blue-1-" + sandbox.installationId(),
                        sandbox.service() + "-blue-2-" + sandbox.installationId());
        assertThat(run.stdout()).contains("is live in blue at " + sandbox.proxyUrl() + "/api/v1/books");

        Result history = sandbox.cli().run("history", sandbox.service());
        assertThat(history.exitCode()).as("%s", history).isZero();
        List<Row> rows = HistoryRows.parse(history.stdout());
        assertThat(rows).as("%s", history).singleElement().satisfies(row -> {
            assertThat(row.result()).isEqualTo("succeeded");
            assertThat(commit).startsWith(row.commit());
            assertThat(row.stages()).containsOnlyKeys(STAGES).allSatisfy((stage, state) -> assertThat(state).isEqualTo("passed"));
        });
    }

    @Test
    void aFailingTestOfTheExampleStopsTheRunAndPushesNothing() {
        ServiceRepo repo = sandbox.example();
        repo.replace("src/test/java/books/ApiTests.java",
                "Check.equal(405, response.statusCode(), \"PUT on the collection\");",
                "Check.equal(418, response.statusCode(), \"PUT on the collection\");");
        String commit = repo.commit("Expect a teapot from PUT on the collection");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.stderr()).as("%s", run)
                .contains("error: stage test failed")
                .contains("  last lines of its output:\n");
        assertThat(run.stderr().lines().filter(line -> line.startsWith("  | FAIL ")))
                .as("the failing test, shown with the failure, in%n%s", run)
                .singleElement().asString().contains("PUT on the collection").contains("418");
        assertThat(StageLines.finished(run.stdout())).as("%s", run)
                .doesNotContainKey("push")
                .hasEntrySatisfying("test", test -> assertThat(test.state()).isEqualTo("failed"));

        assertThat(sandbox.registry().hasImage(sandbox.service(), commit)).as("the app image in the registry").isFalse();
        assertThat(sandbox.registry().hasImage(sandbox.service() + "-test", commit)).as("the test image in the registry")
                .isFalse();
        assertThat(sandbox.containers()).as("containers left behind").isEmpty();

        Result history = sandbox.cli().run("history", sandbox.service());
        assertThat(HistoryRows.parse(history.stdout())).as("%s", history).singleElement().satisfies(row -> {
            assertThat(row.result()).isEqualTo("failed");
            assertThat(row.stages()).containsEntry("test", "failed").doesNotContainKey("push");
            assertThat(row.message()).hasValueSatisfying(message -> assertThat(message).startsWith("stage test failed"));
        });
    }
}
