package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.logs.LogArchive;
import dev.gantry.logs.LogFilter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code gantry logs} on one engine (docs/logs.md): each replica's output tagged with replica, colour and release, the
 * filters, a follow that shows a new release's replicas as they start, an unknown service refused, and the same
 * through the server's API (JSON, and Server-Sent Events to follow); the server collects them, so the output of
 * removed containers is still shown, and a collector stopped and started again keeps each line once. On a Swarm,
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
        // the filters themselves: ServiceLogsTest; here, that the options reach them
        assertThat(sandbox.cli().run("logs", sandbox.service(), "--grep", "serving", "--lines", "1", "--since", "1h")
                .stdout().lines()).hasSize(1);
        assertThat(sandbox.cli().run("logs", sandbox.service(), "--colour", "green").stdout()).isEmpty();
        var unknown = sandbox.cli().run("logs", sandbox.service() + "-none");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("error: no service \"" + sandbox.service() + "-none\" is deployed");

        String token = sandbox.cli().ok("token", "create", "ci", "--scope", "read").stdout().strip();
        sandbox.cli().ok("service", "add", sandbox.service());
        var server = sandbox.server(sandbox.cli().with("GANTRY_POLL_INTERVAL", "off"));
        var api = new ApiClient(server.url(), token);
        String path = "/api/v1/services/" + sandbox.service() + "/logs";
        JsonNode lines = api.json(path + "?colour=blue&grep=serving").get("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("replica").asText()).startsWith(blue);
        assertThat(lines.get(0).get("release").asText()).isEqualTo(first.substring(0, 12));
        assertThat(lines.get(0).get("text").asText()).isEqualTo("tiny: serving on 8080");
        assertThat(lines.get(0).has("node")).as("no node on a single engine").isFalse();
        assertThat(api.get(path + "?colour=red").statusCode()).isEqualTo(400);
        assertThat(api.get(path + "?since=yesterday").body()).contains("since should be an age such as 10m");
        assertThat(api.get("/api/v1/services/" + sandbox.service() + "-none/logs").statusCode()).isEqualTo(404);
        var events = api.stream(path + "?follow=true&colour=green");

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
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(events.events).filteredOn(e -> e.name().equals("line")).extracting(e -> e.data().get("replica")
                            .asText()).anyMatch(replica -> replica.startsWith(sandbox.service() + "-green-1-"))
                            .anyMatch(replica -> replica.startsWith(sandbox.service() + "-green-2-")));
            assertThat(events.events).extracting(e -> e.data().get("colour").asText()).containsOnly("green");
            sandbox.cli().ok("token", "revoke", "ci");
            events.done.orTimeout(30, TimeUnit.SECONDS).join();
            assertThat(events.events.getLast().name()).as("the followed log ends when its token is revoked").isEqualTo("revoked");
        } finally {
            follow.kill();
        }

        // gantry server collected the blue replicas' output while they ran: shown after their containers are gone
        sandbox.allContainers(Map.of("gantry.colour", "blue")).forEach(sandbox.docker()::remove);
        var gone = sandbox.cli().run("logs", sandbox.service(), "--colour", "blue");
        assertThat(gone.stdout()).containsPattern(blue + "1-[a-z0-9]{8} blue " + first.substring(0, 12)
                + " \\| tiny: serving on 8080").containsPattern(blue + "2-[a-z0-9]{8} blue ");

        // a collector stopped and started again loses and repeats nothing: a green replica restarted meanwhile
        // printed its line again, and the archive has each of its lines once
        String green = sandbox.runningContainers(Map.of("gantry.colour", "green")).getFirst();
        await().atMost(Duration.ofSeconds(15)).until(() -> archived(green) == 1);
        server.process().destroy();
        assertThat(server.await(Duration.ofSeconds(90)).stderr()).contains("gantry server stopped");
        sandbox.docker().restart(green);
        sandbox.server(sandbox.cli().with("GANTRY_POLL_INTERVAL", "off"));
        await().atMost(Duration.ofSeconds(15)).until(() -> archived(green) == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> archived(green) == 2);
    }

    /** How many "serving" lines of replica {@code container} the archive of collected logs holds. */
    private long archived(String container) {
        try (var archive = LogArchive.open(sandbox.home().resolve("service-logs.db"))) {
            return archive.search(sandbox.service(), new LogFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of("tiny: serving"), 100))
                    .stream().filter(line -> line.replica().equals(container)).count();
        }
    }
}
