package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.it.GantryCli.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Docker daemons on this machine (docs/environment.md): the CD engine (GANTRY_CD_DOCKER_HOST)
 * tests and builds, the production engine (DOCKER_HOST) runs the release. Each daemon is asked
 * through its own API what it holds and what it did: nothing of the build reaches production
 * except the release's containers and its pulled image.
 */
class TwoEnginesIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private String cdEngine;

    @BeforeEach
    void bothEngines() {
        cdEngine = CdEngineAddress.require();
        sandbox.useCdEngine(cdEngine);
    }

    @Test
    void theBuildStaysOnTheCdEngineAndProductionGetsOnlyTheRelease() {
        ServiceRepo repo = sandbox.tiny();
        String commit = repo.head();
        String service = sandbox.service();
        String app = RegistryApi.ADDRESS + "/" + service + ":" + commit;
        String tests = RegistryApi.ADDRESS + "/" + service + "-test:" + commit;
        long since = nowSeconds() - 1;

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        long until = nowSeconds() + 1;
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(ProductionState.get(sandbox.proxyUrl() + "/tiny")).isEqualTo("200 release=" + commit + " colour=blue");

        DockerObjects production = sandbox.production();
        assertThat(production.snapshot(service)).as("containers of the service on production")
                .singleElement().asString().startsWith(service + "-blue-1-" + sandbox.installationId() + " ").endsWith(" running blue " + commit + " app");
        assertThat(production.images(service)).as("images of the service on production").containsExactly(app);
        assertThat(production.parent(app)).as("the app image on production has no parent: pulled, not built here")
                .isIn("", "null");
        assertThat(production.hasImage(tests)).as("the test image on production").isFalse();
        List<String> productionEvents = production.events(service, since, until);
        String pulled = "image pull " + RegistryApi.ADDRESS + "/" + service; // Docker names the repository pulled
        assertThat(productionEvents).as("what production did for the service").contains(pulled)
                .allMatch(event -> event.equals(pulled) || event.startsWith("container ")
                        && event.contains(" " + service + "-blue-1-" + sandbox.installationId() + " ")
                        && event.endsWith(" role=app"));

        DockerObjects cd = sandbox.cdEngine();
        assertThat(cd.snapshot(service)).as("containers of the service left on the CD engine").isEmpty();
        assertThat(cd.images(service)).as("images of the service on the CD engine").contains(app, tests);
        assertThat(cd.parent(app)).as("the app image on the CD engine was built there").isNotIn("", "null");
        List<String> cdEvents = cd.events(service, since, until);
        assertThat(cdEvents).as("what the CD engine did for the service").contains(
                "container create " + service + "-pre-deployment-1-" + sandbox.installationId() + " role=test",
                "container create " + service + "-pre-integration-1-" + sandbox.installationId() + " role=test",
                "container create " + service + "-post-integration-1-" + sandbox.installationId() + " role=test",
                "image tag " + tests, "image tag " + app, // built here
                "image push " + RegistryApi.ADDRESS + "/" + service + "-test", "image push " + RegistryApi.ADDRESS + "/" + service)
                .noneMatch(event -> event.endsWith("role=app"));
    }

    @Test
    void aFailingPreDeploymentTestLeavesNothingOnProduction() {
        ServiceRepo repo = sandbox.tiny();
        repo.replace("gantry.yml", "TINY_TEST_EXIT: \"0\"", "TINY_TEST_EXIT: \"3\"");
        String commit = repo.commit("Make the tiny tests fail with 3");
        String service = sandbox.service();
        long since = nowSeconds() - 1;

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        long until = nowSeconds() + 1;
        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.stderr()).as("%s", run).contains("the pre-deployment tests failed");
        DockerObjects production = sandbox.production();
        assertThat(production.snapshot(service)).as("containers of the service on production").isEmpty();
        assertThat(production.images(service)).as("images of the service on production").isEmpty();
        assertThat(production.events(service, since, until)).as("what production did for the service").isEmpty();
        DockerObjects cd = sandbox.cdEngine();
        assertThat(cd.images(service)).as("images of the service on the CD engine")
                .contains(RegistryApi.ADDRESS + "/" + service + "-test:" + commit);
        assertThat(cd.events(service, since, until)).as("what the CD engine did for the service")
                .contains("container create " + service + "-pre-deployment-1-" + sandbox.installationId() + " role=test");
    }

    @Test
    void doctorReportsEachEngineAndWhatRunsThere() {
        Result doctor = sandbox.cli().run("doctor");

        assertThat(doctor.stdout()).as("%s", doctor)
                .containsPattern("(?m)^  ok +docker +Docker \\S+, API \\S+ at \\S+: the production engine \\(DOCKER_HOST\\),"
                        + " runs the releases$")
                .containsPattern("(?m)^  ok +cd engine +Docker \\S+, API \\S+ at " + cdEngine
                        + ": the CD engine \\(GANTRY_CD_DOCKER_HOST\\), runs the tests, builds and pushes$");
    }

    @Test
    void theSettingsOldNameStillReachesTheCdEngineAndSaysToRenameIt() {
        Result doctor = sandbox.cli().with("GANTRY_CD_DOCKER_HOST", "").with("GANTRY_BUILD_DOCKER_HOST", cdEngine)
                .run("doctor");

        assertThat(doctor.stdout()).as("%s", doctor).containsPattern("(?m)^  ok +cd engine +Docker \\S+, API \\S+ at "
                + cdEngine + ": the CD engine \\(GANTRY_CD_DOCKER_HOST\\)");
        assertThat(doctor.stderr().lines().filter(line -> line.startsWith("warning: GANTRY_BUILD_DOCKER_HOST")))
                .as("%s", doctor).containsExactly("warning: GANTRY_BUILD_DOCKER_HOST is the old name of"
                        + " GANTRY_CD_DOCKER_HOST; rename it, the old name will be refused in a later release");
    }

    @Test
    void anUnreachableCdEngineIsNamedWithItsSetting() {
        String nowhere = "tcp://127.0.0.1:" + Sandbox.closedPort();
        ServiceRepo repo = sandbox.tiny();

        Result doctor = sandbox.cli().with("GANTRY_CD_DOCKER_HOST", nowhere).run("doctor");
        Result run = sandbox.cli().with("GANTRY_CD_DOCKER_HOST", nowhere).run("run", repo.serviceDir().toString());

        assertThat(doctor.exitCode()).as("%s", doctor).isEqualTo(3);
        assertThat(doctor.stdout()).as("%s", doctor)
                .containsPattern("(?m)^  ok +docker +.*the production engine")
                .containsPattern("(?m)^  FAIL +cd engine +Cannot reach the CD engine at " + nowhere
                        + " \\(GANTRY_CD_DOCKER_HOST, where tests and builds run\\)");
        assertThat(run.exitCode()).as("%s", run).isEqualTo(3);
        assertThat(run.stderr()).as("%s", run).contains("error: Cannot reach the CD engine at " + nowhere);
        assertThat(sandbox.production().events(sandbox.service(), nowSeconds() - 60, nowSeconds() + 1))
                .as("what production did for the service").isEmpty();
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
