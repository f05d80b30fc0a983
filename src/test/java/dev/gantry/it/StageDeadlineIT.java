package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.it.GantryCli.Result;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing waits forever, through the real CLI: a test that never ends and a release that never gets
 * healthy each fail their stage on time, and leave no container behind and the live release live.
 */
class StageDeadlineIT {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(150);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aTestThatSleepsForeverFailsTheRunOnTimeAndLeavesNoTestContainer() {
        ServiceRepo repo = sandbox.tiny();
        repo.replace("Dockerfile.test", "ENTRYPOINT [\"java\", \"-XX:+UseSerialGC\", \"-XX:TieredStopAtLevel=1\","
                + " \"-cp\", \"/app\", \"Tiny\", \"test\"]", "ENTRYPOINT [\"sleep\", \"86400\"]");
        repo.replace("gantry.yml", "    timeout: 2m\n", "    timeout: 4s\n");
        repo.write("gantry.yml", repo.read("gantry.yml") + "deadlines:\n  test: 5s\n");
        repo.commit("Tests that never end, a 4s timeout inside a 5s deadline");

        Result run = sandbox.cli().run(RUN_LIMIT, "run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.stderr()).as("the failure names the limit that ended the test stage, in%n%s", run)
                .containsAnyOf(
                        "error: stage test failed: passed its deadline of 5s (deadlines/test in gantry.yml)",
                        "error: stage test failed: the pre-deployment tests failed: the test container did not finish"
                                + " within 4s (tests/pre-deployment/timeout in gantry.yml) and was killed");
        assertThat(StageLines.finished(run.stdout())).as("%s", run).doesNotContainKey("push")
                .hasEntrySatisfying("test", test -> assertThat(test.state()).isEqualTo("failed"));
        assertThat(sandbox.containers()).as("containers of the service, the test container among them, when gantry"
                + " exited").isEmpty();
    }

    @Test
    void aReleaseThatNeverGetsHealthyIsUndoneAndTheLiveReleaseStillAnswers() {
        ServiceRepo repo = sandbox.tiny();
        repo.replace("gantry.yml", "  path: /tiny\n", "  path: /health\n");
        repo.commit("Route /health to tiny");
        Result first = sandbox.cli().run(RUN_LIMIT, "run", repo.serviceDir().toString());
        assertThat(first.exitCode()).as("%s", first).isZero();
        assertThat(status(sandbox.proxyUrl() + "/health")).as("the first release through the proxy").isEqualTo(200);
        repo.replace("gantry.yml", "  health: {interval: 200ms}\n",
                "  health: {path: /no-such-health, interval: 500ms, timeout: 3s}\n");
        repo.write("gantry.yml", repo.read("gantry.yml") + "deadlines:\n  deploy: 30s\n");
        repo.commit("A health check that never passes within 3s");

        Result run = sandbox.cli().run(RUN_LIMIT, "run", repo.serviceDir().toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.stderr()).as("%s", run).contains("error: stage deploy failed: " + sandbox.service()
                + "-green-1-" + sandbox.installationId() + " did not answer /no-such-health with 2xx within 3s (run/health/timeout in gantry.yml)");
        assertThat(StageLines.finished(run.stdout())).as("%s", run)
                .hasEntrySatisfying("deploy", deploy -> assertThat(deploy.state()).isEqualTo("failed"))
                .hasEntrySatisfying("undo", undo -> assertThat(undo.state()).isEqualTo("passed"))
                .doesNotContainKey("register");
        assertThat(sandbox.allContainers(Map.of("gantry.colour", "green"))).as("candidate containers").isEmpty();
        assertThat(sandbox.runningContainers(Map.of("gantry.colour", "blue"))).as("the live release's containers")
                .containsExactly(sandbox.service() + "-blue-1-" + sandbox.installationId());
        assertThat(status(sandbox.proxyUrl() + "/health")).as("the live release through the proxy").isEqualTo(200);
    }

    private static int status(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
