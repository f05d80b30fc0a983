package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.it.GantryCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gantry run} when Docker or the registry does not answer: exit 3 before anything starts,
 * with a message that names what was tried and how to fix it; no run recorded, nothing built.
 */
class UnreachableEnvironmentIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void dockerHostNamingASocketThatDoesNotExist() {
        ServiceRepo repo = sandbox.tiny();
        String dockerHost = "unix://" + sandbox.directory("docker").resolve("no.sock");

        Result run = sandbox.cli().with("DOCKER_HOST", dockerHost).run("run", repo.serviceDir().toString());

        assertEnvironmentRefused(run, "error: Cannot reach the Docker engine at " + dockerHost + ":");
        assertThat(run.stderr()).contains("point DOCKER_HOST at a running engine");
    }

    @Test
    void dockerHostNamingAClosedPort() {
        ServiceRepo repo = sandbox.tiny();
        String dockerHost = "tcp://127.0.0.1:" + Sandbox.closedPort();

        Result run = sandbox.cli().with("DOCKER_HOST", dockerHost).run("run", repo.serviceDir().toString());

        assertEnvironmentRefused(run, "error: Cannot reach the Docker engine at " + dockerHost + ":");
        assertThat(run.stderr()).contains("point DOCKER_HOST at a running engine");
    }

    @Test
    void aRegistryThatDoesNotAnswer() {
        ServiceRepo repo = sandbox.tiny();
        String registry = "127.0.0.1:" + Sandbox.closedPort();

        Result run = sandbox.cli().with("GANTRY_REGISTRY", registry).run("run", repo.serviceDir().toString());

        assertEnvironmentRefused(run, "error: Cannot reach the image registry at " + registry + " ");
        assertThat(run.stderr()).contains("set GANTRY_REGISTRY to a registry that answers");
    }

    private void assertEnvironmentRefused(Result run, String message) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(3);
        assertThat(run.stderr()).as("%s", run).contains(message);
        assertThat(StageLines.started(run.stdout())).as("stages started by%n%s", run).isEmpty();
        assertThat(sandbox.images()).as("images of the service").isEmpty();
        assertThat(sandbox.containers()).as("containers of the service").isEmpty();
        Result history = sandbox.cli().run("history", sandbox.service());
        assertThat(history.stdout()).as("%s", history).contains("No runs of " + sandbox.service() + " yet.");
    }
}
