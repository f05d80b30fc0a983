package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rollback on regression (docs/observability.md#rollback-on-regression) behind nginx, with gantry server gathering
 * the requests the proxy answers: under a steady load, a release that passes its tests and answers well passes
 * its analysis window and stays live; the next one passes its tests too but answers 500 to every other user
 * request, and the analysis puts the previous release back, saying how many user requests failed.
 */
class RollbackOnRegressionIT {
    private static final Pattern FAILED_USERS = Pattern.compile("(\\d+) user request\\(s\\) failed while it was live");

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aReleaseThatFailsHalfItsRealTrafficIsRolledBackByTheAnalysisAndAGoodOnePassesIt() {
        sandbox.use("nginx", "embedded");
        ServiceRepo repo = sandbox.tiny().replace("gantry.yml", "deploy: {drain: 1s}",
                "deploy: {drain: 1s, analysis: {window: 10s, max-error-rate: 5%}}");
        repo.commit("Watched after each switch");
        sandbox.cli().ok("run", repo.serviceDir().toString());
        sandbox.cli().ok("service", "add", sandbox.service());
        String reader = sandbox.cli().ok("token", "create", "reader", "--scope", "read").stdout().strip();
        var api = new ApiClient(sandbox.server(sandbox.cli()).url(), reader);

        try (LiveLoad load = LiveLoad.start(URI.create(sandbox.proxyUrl()).getPort(), "/tiny")) {
            String good = repo.write("NOTES.txt", "a good change\n").commit("A good change");
            var passed = sandbox.cli().run("run", repo.serviceDir().toString());
            assertThat(passed.exitCode()).as("%s", passed).isZero();
            assertThat(passed.stdout()).containsPattern("analysis +passed");
            assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).startsWith("200 release=" + good + " colour=green");
            assertThat(load.tally().failures()).as("requests while the good release was watched").isEmpty();

            repo.replace("gantry.yml", "  replicas: 1\n", "  replicas: 1\n  env: {TINY_FAIL_EVERY_OTHER: \"true\"}\n")
                    .commit("Break half of the users");
            var rolledBack = sandbox.cli().run("run", repo.serviceDir().toString());
            var seen = load.stop();
            System.out.printf("RollbackOnRegressionIT: the broken release's run:%n%s%s", rolledBack.stdout(), rolledBack.stderr());

            assertThat(rolledBack.exitCode()).as("%s", rolledBack).isEqualTo(1);
            assertThat(rolledBack.stdout()).containsPattern("post-integration +passed").containsPattern("analysis +failed")
                    .containsPattern("undo +passed");
            assertThat(rolledBack.stderr()).contains("stage analysis failed: the new release " + repo.head().substring(0, 12)
                    + " regressed after the switch: ").contains("requests failed with a server error (");
            Matcher failedUsers = FAILED_USERS.matcher(rolledBack.stderr());
            assertThat(failedUsers.find()).as("%s", rolledBack.stderr()).isTrue();
            long reported = Long.parseLong(failedUsers.group(1));
            long answered500 = seen.failures().stream().filter(failure -> failure.startsWith("500")).count();
            System.out.printf("RollbackOnRegressionIT: %d user requests answered 500, %d reported by the analysis, of %d%n",
                    answered500, reported, seen.requests());
            assertThat(reported).as("the failures the analysis counted are ones the users saw").isPositive()
                    .isLessThanOrEqualTo(answered500);
            assertThat(seen.failures()).as("every failure the users saw was the broken release's 500")
                    .allMatch(failure -> failure.startsWith("500"));
            assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).as("the good release is back")
                    .startsWith("200 release=" + good + " colour=green");

            // what that run's test containers printed, from its stage logs (docs/logs.md)
            Matcher runId = Pattern.compile("^run (\\d+): ").matcher(rolledBack.stdout());
            assertThat(runId.find()).isTrue();
            var testOutput = sandbox.cli().run("logs", sandbox.service(), "--run", runId.group(1), "--grep", "tiny: GET");
            assertThat(testOutput.exitCode()).as("%s", testOutput).isZero();
            System.out.printf("RollbackOnRegressionIT: gantry logs --run %s --grep 'tiny: GET':%n%s", runId.group(1),
                    testOutput.stdout());
            assertThat(testOutput.stdout()).containsPattern("(?m)^pre-integration +\\| PASS tiny: GET /tiny at ")
                    .containsPattern("(?m)^post-integration +\\| PASS tiny: GET /tiny at ");
            assertThat(sandbox.cli().run("logs", sandbox.service(), "--run", runId.group(1), "--follow").exitCode())
                    .as("--follow is for the replicas' output").isEqualTo(2);
            String path = "/api/v1/services/" + sandbox.service() + "/logs?run=" + runId.group(1);
            JsonNode lines = api.json(path + "&grep=PASS%20tiny:%20GET").path("lines");
            assertThat(lines).as("%s", lines).hasSize(2);
            assertThat(lines.get(1).path("stage").asText()).isEqualTo("post-integration");
            assertThat(lines.get(1).path("text").asText()).startsWith("PASS tiny: GET /tiny at ");
            assertThat(api.get(path + "&follow=true").statusCode()).isEqualTo(400);
            assertThat(api.get("/api/v1/services/" + sandbox.service() + "/logs?run=999999").statusCode()).isEqualTo(404);
        }
    }
}
