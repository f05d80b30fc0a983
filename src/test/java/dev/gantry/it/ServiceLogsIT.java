package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gantry logs} on one engine (docs/logs.md): each replica's output tagged with replica, colour and release, the
 * filters, a follow that shows a new release's replicas as they start, and an unknown service refused. On a Swarm,
 * SwarmIT reads them with their nodes.
 */
class ServiceLogsIT {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void eachReplicasOutputIsShownTaggedAndAFollowShowsTheNextReleasesReplicasAsTheyStart() {
        sandbox.use("haproxy", "embedded");
        ServiceRepo repo = sandbox.tiny().replace("gantry.yml", "  replicas: 1\n", "  replicas: 2\n");
        String first = repo.commit("Two replicas");
        var run = sandbox.cli().run("run", repo.serviceDir().toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String blue = sandbox.service() + "-blue-";

        var logs = sandbox.cli().run("logs", sandbox.service());

        assertThat(logs.exitCode()).as(logs.toString()).isZero();
        assertThat(logs.stdout()).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z " + blue + "1-[a-z0-9]{8} blue "
                        + first.substring(0, 12) + " \\| tiny: serving on 8080$")
                .containsPattern("(?m)^\\S+ " + blue + "2-[a-z0-9]{8} blue " + first.substring(0, 12) + " \\| tiny: serving on 8080$");
        assertThat(sandbox.cli().run("logs", sandbox.service(), "--colour", "green").stdout()).isEmpty();
        assertThat(sandbox.cli().run("logs", sandbox.service(), "--grep", "no such text").stdout()).isEmpty();
        assertThat(sandbox.cli().run("logs", sandbox.service(), "--since", "2099-01-01T00:00:00Z").stdout()).isEmpty();
        assertThat(sandbox.cli().run("logs", sandbox.service(), "--grep", "serving", "--lines", "1").stdout().lines())
                .hasSize(1);
        var unknown = sandbox.cli().run("logs", sandbox.service() + "-none");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("error: no service \"" + sandbox.service() + "-none\" is deployed");

        var follow = sandbox.cli().start("logs", sandbox.service(), "--follow", "--colour", "green");
        try {
            repo.write("second.txt", "Second release.\n");
            String second = repo.commit("Second release");
            var again = sandbox.cli().run("run", repo.serviceDir().toString());
            assertThat(again.exitCode()).as(again.toString()).isZero();

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(follow.stdout()).containsPattern("(?m)^\\S+ " + sandbox.service() + "-green-1-[a-z0-9]{8} green "
                            + second.substring(0, 12) + " \\| tiny: serving on 8080$")
                            .containsPattern(sandbox.service() + "-green-2-[a-z0-9]{8} green "));
            assertThat(follow.stdout()).doesNotContain(" blue ");
        } finally {
            follow.kill();
        }
    }
}
