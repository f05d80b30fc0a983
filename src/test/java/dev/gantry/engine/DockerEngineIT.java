package dev.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine against the real Docker engine that bin/env-up starts, with the local base image. */
class DockerEngineIT {
    private static final String BASE = "gantry/java:25";

    private final Engine engine = Engine.connect(Optional.ofNullable(System.getenv("DOCKER_HOST")));
    private final String label = "engine-it-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeWhatTheTestStarted() {
        engine.list(Map.of("gantry.service", label)).forEach(c -> engine.remove(c.id()));
        engine.close();
    }

    @Test
    void aStartedContainerIsPublishedOnLoopbackListedByLabelAndStoppedAndRemoved() {
        var spec = ContainerSpec.of(BASE, label + "-web")
                .withCommand(List.of("java", "-m", "jdk.httpserver", "-b", "0.0.0.0", "-p", "8000"))
                .withLabels(Map.of("gantry.service", label, "gantry.colour", "blue"))
                .withPublishedPort(8000)
                .withVolume(label + "-data", "/data");

        String id = engine.start(spec);

        ContainerState state = engine.inspect(id).orElseThrow();
        assertThat(state.running()).isTrue();
        assertThat(state.name()).isEqualTo(label + "-web");
        int port = state.hostPort(8000).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> status("http://127.0.0.1:" + port + "/") == 200);
        assertThat(engine.list(Map.of("gantry.service", label, "gantry.colour", "blue")))
                .extracting(ContainerState::id).containsExactly(id);
        assertThat(engine.list(Map.of("gantry.service", label, "gantry.colour", "green"))).isEmpty();

        assertThat(engine.logs(id, 50)).isNotEmpty();
        engine.stop(id, Duration.ofSeconds(5));
        assertThat(engine.inspect(id)).hasValueSatisfying(c -> assertThat(c.running()).isFalse());
        engine.remove(id);
        assertThat(engine.inspect(id)).isEmpty();
        engine.remove(id);
    }

    @Test
    void aContainerPastItsDeadlineIsKilledAndRemoved() {
        var spec = ContainerSpec.of(BASE, label + "-slow").withCommand(List.of("sleep", "60"))
                .withLabels(Map.of("gantry.service", label));
        var lines = new ArrayList<String>();

        ContainerExit exit = engine.runToCompletion(spec, Duration.ofSeconds(2), lines::add);

        assertThat(exit.timedOut()).isTrue();
        assertThat(exit.describe()).contains("did not finish before its deadline");
        assertThat(engine.list(Map.of("gantry.service", label))).isEmpty();
    }

    @Test
    void aContainerThatFailsReportsItsExitCodeAndOutput() {
        var spec = ContainerSpec.of(BASE, label + "-fail")
                .withCommand(List.of("java", "-e", "nothing"))
                .withLabels(Map.of("gantry.service", label));
        var lines = new ArrayList<String>();

        ContainerExit exit = engine.runToCompletion(spec, Duration.ofSeconds(60), lines::add);

        assertThat(exit.succeeded()).isFalse();
        assertThat(exit.exitCode()).isNotZero();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Unrecognized option: -e"));
    }

    @Test
    void anImagesDeclaredVolumesAreRead() {
        assertThat(engine.declaredVolumes(BASE)).isEmpty();
        assertThatThrownBy(() -> engine.declaredVolumes("gantry/no-such-image:" + label))
                .isInstanceOf(EngineException.class).hasMessageContaining("No such image");
    }

    private static int status(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
