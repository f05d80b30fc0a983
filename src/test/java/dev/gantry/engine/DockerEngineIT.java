package dev.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.config.OutputLimits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine against the real Docker engine that bin/env-up starts, with the local base image. */
class DockerEngineIT {
    private static final String BASE = "gantry/java:25";
    /** About 6 MiB of output, and ~10 MiB in Docker's json-file: ten times {@link #LOG_BOUND}. */
    private static final int LINES = 100_000;
    private static final String PRINT_LINES = "i=0; while [ $i -lt " + LINES + " ]; do"
            + " echo \"line $i of output that a container prints\"; i=$((i+1)); done";
    private static final long LOG_BOUND = 1L << 20;

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
    void aContainerPrintingFarMoreThanItsLogBoundIsReadWholeWhileDockerRotatesTheFile() {
        var spec = ContainerSpec.of(BASE, label + "-chatty").withCommand(List.of("sh", "-c", PRINT_LINES))
                .withLabels(Map.of("gantry.service", label));
        var lines = new ArrayList<String>();

        try (Engine bounded = boundedLog()) {
            ContainerExit exit = bounded.runToCompletion(spec, Duration.ofSeconds(120), lines::add);

            assertThat(exit.succeeded()).isTrue();
        }
        assertThat(lines).hasSize(LINES);
        assertThat(lines.getFirst()).startsWith("line 0 ");
        assertThat(lines.getLast()).startsWith("line " + (LINES - 1) + " ");
    }

    @Test
    void aLongRunningContainersLogFilesStayUnderTheBound() throws Exception {
        var spec = ContainerSpec.of(BASE, label + "-app")
                .withCommand(List.of("sh", "-c", PRINT_LINES + "; exec sleep 120"))
                .withLabels(Map.of("gantry.service", label));

        try (Engine bounded = boundedLog()) {
            String id = bounded.start(spec);
            await().atMost(Duration.ofSeconds(120)).until(() -> bounded.logs(id, 1).toString().contains(
                    "line " + (LINES - 1) + " "));

            assertThat(docker("inspect", "-f", "{{json .HostConfig.LogConfig}}", id))
                    .isEqualTo("{\"Type\":\"json-file\",\"Config\":{\"max-file\":\"2\",\"max-size\":\"524288\"}}");
            Path logFile = Path.of(docker("inspect", "-f", "{{.LogPath}}", id));
            long kept = 0;
            try (var files = Files.list(logFile.getParent())) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(logFile.getFileName().toString()))
                        .toList()) {
                    kept += Files.size(file);
                }
            }
            assertThat(kept).as("bytes of Docker's log files of a container that printed %d lines", LINES)
                    .isPositive().isLessThanOrEqualTo(LOG_BOUND);
        }
    }

    @Test
    void anImageIsBuiltWithItsLabelsInOneStepAndADockerfileWhoseLastLineGoesOnIsRefused(@TempDir Path context)
            throws Exception {
        String tag = "gantry/" + label + ":1";
        Map<String, String> labels = Map.of("gantry.service", label, "gantry.run", "7", "gantry.role", "test");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + BASE + "\nRUN echo built > /built");
        var output = new ArrayList<String>();
        String labelled = null;
        try {
            labelled = engine.build(new BuildRequest(context, context.resolve("Dockerfile"), Map.of(), List.of(tag), labels),
                    Duration.ofMinutes(2), output::add);

            assertThat(docker("image", "inspect", "--format", "{{json .Config.Labels}}", tag))
                    .contains("\"gantry.service\":\"" + label + "\"", "\"gantry.run\":\"7\"", "\"gantry.role\":\"test\"");
            assertThat(output).as("one LABEL step for all labels").filteredOn(line -> line.contains("LABEL")).hasSize(1);
            assertThat(context.resolve("Dockerfile")).hasContent("FROM " + BASE + "\nRUN echo built > /built");

            Files.writeString(context.resolve("Dockerfile"), "FROM " + BASE + "\nRUN echo swallowed \\\n");
            assertThatThrownBy(() -> engine.build(new BuildRequest(context, context.resolve("Dockerfile"), Map.of(),
                    List.of(tag), labels), Duration.ofMinutes(2), LogSink.NONE))
                    .isInstanceOf(EngineException.class).hasMessageContaining("lacks the labels")
                    .hasMessageContaining("end that line");
            assertThat(docker("image", "ls", "--quiet", tag)).as("the unlabelled image is removed").isEmpty();
        } finally {
            if (labelled != null) {
                engine.removeImage(labelled);
            }
        }
    }

    @Test
    void anImagesDeclaredVolumesAreRead() {
        assertThat(engine.declaredVolumes(BASE)).isEmpty();
        assertThatThrownBy(() -> engine.declaredVolumes("gantry/no-such-image:" + label))
                .isInstanceOf(EngineException.class).hasMessageContaining("No such image");
    }

    /** An engine that holds Docker's log of each container it creates to {@link #LOG_BOUND}. */
    private static Engine boundedLog() {
        return Engine.connect(Optional.ofNullable(System.getenv("DOCKER_HOST")), "127.0.0.1:5000", Optional.empty(),
                OutputLimits.DEFAULTS.withContainerLogMax(LOG_BOUND));
    }

    /** What the docker CLI prints, trimmed: the test reads Docker's own view, not Gantry's. */
    private static String docker(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as("docker %s: %s", args, out).isZero();
        return out;
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
