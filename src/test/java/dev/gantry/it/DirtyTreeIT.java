package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.it.GantryCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code gantry run} with uncommitted changes: it builds the committed HEAD exactly, and says so. */
class DirtyTreeIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void uncommittedChangesAreReportedAndNotBuilt() {
        ServiceRepo repo = sandbox.tiny();
        String head = repo.head();
        // Each of these changes would fail the run if it were built: tests that exit 5, a broken Dockerfile.
        repo.replace("gantry.yml", "TINY_TEST_EXIT: \"0\"", "TINY_TEST_EXIT: \"5\"")
                .replace("Dockerfile", "COPY Tiny.java", "COPPY Tiny.java");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).as("%s", run).contains("warning: the work tree has uncommitted changes; they are not"
                + " part of this run, which builds commit " + head.substring(0, 12) + " exactly");
        assertThat(sandbox.registry().hasImage(sandbox.service(), head)).as("the app image of HEAD").isTrue();
        assertThat(sandbox.registry().hasImage(sandbox.service() + "-test", head)).as("the test image of HEAD").isTrue();
        assertThat(repo.read("Dockerfile")).as("the work tree is left as it was").contains("COPPY Tiny.java");
    }
}
