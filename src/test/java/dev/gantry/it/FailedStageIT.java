package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.it.GantryCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run whose test or build fails: exit 1, the failed stage and why, the last lines of its output,
 * no app image in the registry, no container left, and the failure in the history.
 */
class FailedStageIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void failingTestsStopTheRunAndPushNeitherImage() {
        ServiceRepo repo = sandbox.tiny();
        repo.replace("gantry.yml", "TINY_TEST_EXIT: \"0\"", "TINY_TEST_EXIT: \"3\"");
        String commit = repo.commit("Make the tiny tests fail with 3");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.stderr()).as("%s", run)
                .contains("  last lines of its output:\n")
                .contains("  | FAIL tiny: TINY_TEST_EXIT is 3\n")
                .contains("error: stage test failed: the pre-deployment tests failed: the test container exited with code 3");
        assertThat(StageLines.finished(run.stdout())).as("%s", run).doesNotContainKey("push")
                .hasEntrySatisfying("test", test -> assertThat(test.state()).isEqualTo("failed"));
        assertNothingPushed(commit);
        assertThat(sandbox.images()).as("local images of the service: the app image is discarded")
                .noneMatch(image -> image.startsWith(RegistryApi.ADDRESS + "/" + sandbox.service() + ":"));
        assertThat(sandbox.containers()).as("containers left behind").isEmpty();
        assertLastRunFailedAt("test");
    }

    @Test
    void anUnknownDockerfileInstructionFailsTheBuildWithDockersMessage() {
        ServiceRepo repo = sandbox.tiny();
        repo.replace("Dockerfile", "COPY Tiny.java", "COPPY Tiny.java");
        String commit = repo.commit("Misspell COPY");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.stderr()).as("%s", run)
                .contains("error: stage build failed: docker build of " + RegistryApi.ADDRESS + "/" + sandbox.service())
                .containsIgnoringCase("unknown instruction: COPPY");
        assertThat(sandbox.registry().hasImage(sandbox.service(), commit)).as("the app image in the registry").isFalse();
        assertThat(sandbox.containers()).as("containers left behind").isEmpty();
        assertLastRunFailedAt("build");
    }

    @Test
    void aFailingRunInstructionFailsTheBuildAndShowsItsOutput() {
        ServiceRepo repo = sandbox.tiny();
        repo.replace("Dockerfile", "EXPOSE 8080",
                "RUN [\"sh\", \"-c\", \"echo the tiny build breaks here >&2; exit 7\"]\nEXPOSE 8080");
        String commit = repo.commit("Add a build step that fails");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.stderr().lines()).as("the failed step's output among the last lines, in%n%s", run)
                .anyMatch(line -> line.startsWith("  | ") && line.contains("the tiny build breaks here")
                        && !line.contains("echo"));
        assertThat(run.stderr()).as("%s", run)
                .contains("error: stage build failed: docker build of " + RegistryApi.ADDRESS + "/" + sandbox.service())
                .contains("returned a non-zero code: 7");
        assertThat(sandbox.registry().hasImage(sandbox.service(), commit)).as("the app image in the registry").isFalse();
        assertThat(sandbox.containers()).as("containers left behind").isEmpty();
        assertLastRunFailedAt("build");
    }

    private void assertNothingPushed(String commit) {
        assertThat(sandbox.registry().hasImage(sandbox.service(), commit)).as("the app image in the registry").isFalse();
        assertThat(sandbox.registry().hasImage(sandbox.service() + "-test", commit)).as("the test image in the registry")
                .isFalse();
    }

    private void assertLastRunFailedAt(String stage) {
        Result history = sandbox.cli().run("history", sandbox.service());
        assertThat(history.exitCode()).as("%s", history).isZero();
        assertThat(HistoryRows.parse(history.stdout())).as("%s", history).singleElement().satisfies(row -> {
            assertThat(row.result()).isEqualTo("failed");
            assertThat(row.stages()).containsEntry(stage, "failed").doesNotContainKey("push");
            assertThat(row.message()).hasValueSatisfying(message ->
                    assertThat(message).startsWith("stage " + stage + " failed"));
        });
    }
}
