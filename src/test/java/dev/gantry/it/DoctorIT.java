package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.it.GantryCli.Result;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code gantry doctor}: every part of the environment checked, and what to fix when one is broken. */
class DoctorIT {
    private static final List<String> CHECKS = List.of("docker", "runs on", "registry", "haproxy", "nginx", "etcd", "store");

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aWorkingEnvironmentPassesEveryCheck() {
        Result doctor = sandbox.cli().run("doctor");

        assertThat(doctor.exitCode()).as("%s", doctor).isZero();
        for (String check : CHECKS) {
            assertThat(doctor.stdout()).as("%s", doctor).containsPattern("(?m)^  ok +" + check + " +\\S");
        }
        assertThat(doctor.stdout()).doesNotContain("FAIL").contains("Everything Gantry needs is here.")
                .containsPattern("(?m)^  ok +runs on +one Docker engine at ");
    }

    @Test
    void aSwarmManagerIsSaidToRunTheReleasesAsServices() {
        SwarmLab.Held shared = SwarmLab.hold(false);
        Result doctor;
        try {
            doctor = sandbox.cli().with("DOCKER_HOST", SwarmLab.require().manager()).run("doctor");
        } finally {
            shared.close();
        }

        assertThat(doctor.stdout()).as("%s", doctor).containsPattern(
                "(?m)^  ok +runs on +Docker Swarm through the manager at unix://\\S+; nodes: node1 ready/active \\(manager\\), node2 ");
    }

    @Test
    void anUnreachableDockerIsAProblemWithItsFix() {
        String dockerHost = "tcp://127.0.0.1:" + Sandbox.closedPort();

        Result doctor = sandbox.cli().with("DOCKER_HOST", dockerHost).run("doctor");

        assertThat(doctor.exitCode()).as("%s", doctor).isEqualTo(3);
        assertThat(doctor.stdout()).as("%s", doctor)
                .containsPattern("(?m)^  FAIL +docker +Cannot reach the Docker engine at " + dockerHost + ":.*DOCKER_HOST")
                .containsPattern("(?m)^  ok +registry ")
                .doesNotContain("runs on")
                .contains("1 problem(s) found");
    }
}
