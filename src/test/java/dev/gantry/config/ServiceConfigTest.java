package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.gantry.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void readsEveryKey() throws IOException {
        ServiceConfig config = parseFixture("gantry-with-everything.yml");

        assertThat(config).isEqualTo(new ServiceConfig("books-ms", "team/books-ms",
                new BuildSpec("docker/Dockerfile.prod", "./app", Map.of("JAVA_VERSION", "21", "STRICT", "true")),
                new TestsSpec("docker/Dockerfile.test",
                        new TestPhase(Map.of("DB_URL", "jdbc:h2:mem:test", "RATIO", "0.5"),
                                List.of("./gradlew", "test", "--offline"), Duration.ofMinutes(15)),
                        new TestPhase(Map.of("SUITE", "smoke"), List.of(), Duration.ofSeconds(90)),
                        new TestPhase(Map.of(), List.of("./gradlew", "itest"), Duration.ofHours(1))),
                new RunSpec(9090, 2,
                        Map.of("SPRING_PROFILES_ACTIVE", "prod", "JAVA_OPTS", "-Xmx256m -Dfile.encoding=UTF-8", "EMPTY", ""),
                        new HealthSpec("/actuator/health", Duration.ofMillis(500), Duration.ofMinutes(2)),
                        Duration.ofSeconds(45)),
                new ProxySpec("/api/v1/books", Optional.of("books.example.com")),
                new DeploySpec(Duration.ofSeconds(20), 5, CrashLoopSpec.DEFAULTS,
                        new AnalysisSpec(true, Duration.ofMinutes(1), 0.025, Duration.ofMillis(800))),
                new DeadlinesSpec(everyStage(Duration.ofMinutes(2), Duration.ofMinutes(45), Duration.ofMinutes(30),
                        Duration.ofMinutes(15), Duration.ofMinutes(20), Duration.ofSeconds(30), Duration.ofMinutes(5),
                        Duration.ofSeconds(90), Duration.ofHours(2), Duration.ofMinutes(5), Duration.ofMinutes(5),
                        Duration.ofMinutes(15)))));
    }

    @Test
    void fillsEveryDefaultFromOnlyTheServiceName() throws IOException {
        ServiceConfig config = parseFixture("gantry-with-only-service.yml");

        assertThat(config).isEqualTo(new ServiceConfig("books-ms", "books-ms",
                new BuildSpec("Dockerfile", ".", Map.of()),
                new TestsSpec("Dockerfile.test",
                        new TestPhase(Map.of(), List.of(), Duration.ofMinutes(10)),
                        new TestPhase(Map.of(), List.of(), Duration.ofMinutes(5)),
                        new TestPhase(Map.of(), List.of(), Duration.ofMinutes(5))),
                new RunSpec(8080, 1, Map.of(), new HealthSpec("/health", Duration.ofSeconds(1), Duration.ofSeconds(60)),
                        Duration.ofSeconds(30)),
                new ProxySpec("/books-ms", Optional.empty()),
                new DeploySpec(Duration.ofSeconds(10), 3, CrashLoopSpec.DEFAULTS, AnalysisSpec.OFF),
                DeadlinesSpec.defaults()));
    }

    @Test
    void readsHowReplicasRestartWhatTheyMayUseAndWhereTheyRun() {
        ServiceConfig config = ServiceConfig.parse("""
                service: books-ms
                run:
                  restart: {condition: on-failure, delay: 3s, max-attempts: 5, window: 1m}
                  resources: {memory: 256MiB, cpus: 0.25}
                  placement: {constraints: [node.role==worker, "node.labels.zone != b"], max-per-node: 1}
                """, "gantry.yml");

        assertThat(config.run().restart()).isEqualTo(new RestartSpec("on-failure", Duration.ofSeconds(3), 5, Duration.ofMinutes(1)));
        assertThat(config.run().resources()).isEqualTo(new ResourcesSpec(Optional.of(256L << 20), Optional.of(250_000_000L)));
        assertThat(config.run().placement()).isEqualTo(new PlacementSpec(List.of("node.role==worker", "node.labels.zone != b"), 1));
    }

    @Test
    void restartsAnyEndedReplicaAfterASecondWithoutLimitsOrPlacementByDefault() {
        RunSpec run = ServiceConfig.parse("service: books-ms\n", "gantry.yml").run();

        assertThat(run.restart()).isEqualTo(new RestartSpec("any", Duration.ofSeconds(1), 0, Duration.ofMinutes(2)));
        assertThat(run.resources()).isEqualTo(new ResourcesSpec(Optional.empty(), Optional.empty()));
        assertThat(run.placement()).isEqualTo(new PlacementSpec(List.of(), 0));
    }

    @Test
    void runsExactlyItsReplicasUnlessRunScaleSetsBoundsAroundThem() {
        assertThat(ServiceConfig.parse("service: books-ms\nrun: {replicas: 2}\n", "gantry.yml").run().scale())
                .isEqualTo(new ScaleSpec(2, 2));
        assertThat(ServiceConfig.parse("service: books-ms\nrun: {replicas: 2, scale: {max: 6}}\n", "gantry.yml").run()
                .scale()).isEqualTo(new ScaleSpec(1, 6));
        assertThat(ServiceConfig.parse("service: books-ms\nrun: {replicas: 3, scale: {min: 2}}\n", "gantry.yml").run()
                .scale()).isEqualTo(new ScaleSpec(2, 3));
        assertThat(new ScaleSpec(1, 6).allows(6)).isTrue();
        assertThat(new ScaleSpec(1, 6).allows(7)).isFalse();
        assertThat(new ScaleSpec(1, 6).allows(0)).isFalse();
    }

    @Test
    void readsTheLoadOneReplicaServesAndTheSeasonOfTheLoad() {
        assertThat(ServiceConfig.parse("service: books-ms\nrun: {scale: {max: 6, per-replica: 40, season: 24h}}\n",
                "gantry.yml").run().scale())
                .isEqualTo(new ScaleSpec(1, 6, OptionalInt.of(40), Optional.of(Duration.ofHours(24))));
        assertThat(ServiceConfig.parse("service: books-ms\nrun: {scale: {max: 6, per-replica: 40}}\n", "gantry.yml").run()
                .scale()).isEqualTo(new ScaleSpec(1, 6, OptionalInt.of(40), Optional.empty()));
        assertThatThrownBy(() -> ServiceConfig.parse("service: books-ms\nrun: {scale: {max: 6, season: 24h}}\n",
                "gantry.yml")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("run/scale/season (line 2): needs run/scale/per-replica");
        assertThatThrownBy(() -> ServiceConfig.parse("service: books-ms\nrun: {scale: {max: 6, per-replica: 0,"
                + " season: 45s}}\n", "gantry.yml")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::keyPath)
                        .containsExactlyInAnyOrder("run/scale/per-replica", "run/scale/season"));
        assertThat(new ScaleSpec(2, 6).bounded(9)).isEqualTo(6);
        assertThat(new ScaleSpec(2, 6).bounded(0)).isEqualTo(2);
    }

    @Test
    void runScaleMustHoldTheReplicasEachReleaseStartsWith() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ServiceConfig.parse("""
                service: books-ms
                run:
                  replicas: 3
                  scale: {min: 4, max: 2, step: 1}
                """, "gantry.yml"));

        assertThat(e.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactlyInAnyOrder(
                tuple("run/scale/step", "is not a known key; known keys here: min, max, per-replica, season"),
                tuple("run/scale/min", "should be at most run/replicas (3), the replicas each release starts with, was 4"),
                tuple("run/scale/max", "should be at least run/replicas (3), the replicas each release starts with, was 2"));
        assertThatThrownBy(() -> ServiceConfig.parse("service: books-ms\nrun: {scale: {max: 101}}\n", "gantry.yml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("run/scale/max");
    }

    @Test
    void rollsBackAReleaseThatEndsFiveTimesInItsFirstTwoMinutesUnlessToldOtherwise() {
        assertThat(ServiceConfig.parse("service: books-ms\n", "gantry.yml").deploy().crashLoop())
                .isEqualTo(new CrashLoopSpec(5, Duration.ofMinutes(2)));
        CrashLoopSpec off = ServiceConfig.parse("service: books-ms\ndeploy: {crash-loop: {restarts: 0}}\n", "gantry.yml")
                .deploy().crashLoop();
        assertThat(off.on()).isFalse();
        assertThat(ServiceConfig.parse("service: books-ms\ndeploy: {crash-loop: {restarts: 3, within: 30s}}\n",
                "gantry.yml").deploy().crashLoop()).isEqualTo(new CrashLoopSpec(3, Duration.ofSeconds(30)));
        assertThatThrownBy(() -> ServiceConfig.parse("service: books-ms\ndeploy: {crash-loop: {restarts: -1, after: 1m}}\n",
                "gantry.yml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::keyPath)
                        .containsExactlyInAnyOrder("deploy/crash-loop/restarts", "deploy/crash-loop/after"));
    }

    @Test
    void readsTheAnalysisAfterTheSwitchOffUnlessWrittenAndEachKeyWithItsDefault() {
        assertThat(ServiceConfig.parse("service: books-ms\n", "gantry.yml").deploy().analysis()).isEqualTo(AnalysisSpec.OFF);
        assertThat(ServiceConfig.parse("service: books-ms\ndeploy: {analysis: {}}\n", "gantry.yml").deploy().analysis())
                .isEqualTo(new AnalysisSpec(true, Duration.ofMinutes(2), 0.01, Duration.ofMillis(500)));
        assertThat(ServiceConfig.parse("service: books-ms\ndeploy: {analysis: {window: 45s, max-error-rate: 0.5%,"
                + " max-p99: 2s}}\n", "gantry.yml").deploy().analysis())
                .isEqualTo(new AnalysisSpec(true, Duration.ofSeconds(45), 0.005, Duration.ofSeconds(2)));
        assertThatThrownBy(() -> ServiceConfig.parse("service: books-ms\ndeploy: {analysis: {window: 5s,"
                + " max-error-rate: 150%, max-p99: soon, after: 1m}}\n", "gantry.yml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::keyPath)
                        .containsExactlyInAnyOrder("deploy/analysis/window", "deploy/analysis/max-error-rate",
                                "deploy/analysis/max-p99", "deploy/analysis/after"));
        assertThatThrownBy(() -> ServiceConfig.parse("service: books-ms\ndeploy: {analysis: {window: 30m}}\n"
                + "deadlines: {analysis: 10m}\n", "gantry.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("deadlines/analysis (line 3): should be longer than deploy/analysis/window");
    }

    @Test
    void givesEveryStageTheDocumentedDefaultDeadline() {
        assertThat(DeadlinesSpec.defaults()).isEqualTo(new DeadlinesSpec(everyStage(Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofMinutes(20), Duration.ofMinutes(10), Duration.ofMinutes(15),
                Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(10),
                Duration.ofMinutes(40), Duration.ofMinutes(10), Duration.ofMinutes(10))));
    }

    @Test
    void readsTheDeadlinesGivenAndKeepsTheDefaultsOfTheOthers() throws IOException {
        DeadlinesSpec deadlines = parseFixture("gantry-with-deadlines.yml").deadlines();

        assertThat(deadlines).isEqualTo(DeadlinesSpec.defaults()
                .with("test", Duration.ofHours(1))
                .with("deploy", Duration.ofMinutes(6))
                .with("register", Duration.ofSeconds(1))
                .with("switch", Duration.ofSeconds(30))
                .with("cleanup", Duration.ofHours(24)));
        assertThat(deadlines.of("pre-integration")).isEqualTo(Duration.ofMinutes(10));
        assertThat(deadlines.byStage()).containsKeys("checkout", "build", "push", "post-integration", "undo");
    }

    @Test
    void aDeadlineThatIsNotValidIsReportedOnceNotComparedAgain() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ServiceConfig.parse("""
                service: books-ms
                tests:
                  post-integration: {timeout: 1h}
                deadlines:
                  post-integration: two hours
                """, "gantry.yml"));

        assertThat(e.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::line)
                .containsExactly(tuple("deadlines/post-integration", 5));
    }

    @Test
    void aDeadlineJustLongerThanTheWaitInsideItsStageIsFineWhicheverOfTheTwoIsWritten() {
        ServiceConfig config = ServiceConfig.parse("""
                service: books-ms
                tests: {pre-integration: {timeout: 9m}}
                run: {health: {timeout: 14m}}
                deploy: {drain: 9m}
                deadlines: {post-integration: 301s}
                """, "gantry.yml");

        assertThat(config.deadlines().of("post-integration")).isEqualTo(Duration.ofSeconds(301));
        assertThat(config.deadlines().of("deploy")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void keepsEnvironmentInTheOrderWrittenAndUnmodifiable() throws IOException {
        RunSpec run = parseFixture("gantry-with-everything.yml").run();

        assertThat(run.env()).containsExactly(Map.entry("SPRING_PROFILES_ACTIVE", "prod"),
                Map.entry("JAVA_OPTS", "-Xmx256m -Dfile.encoding=UTF-8"), Map.entry("EMPTY", ""));
        assertThatThrownBy(() -> run.env().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsValuesAtTheEdges() {
        ServiceConfig config = ServiceConfig.parse("""
                service: a
                build:
                  context: src/../lib/.
                  args:
                tests:
                  pre-deployment:
                run:
                  port: 65535
                  replicas: 100
                  env: {_X: "42", Y: ''}
                  stop-grace: 24h
                deploy: {keep-releases: 1, drain: 86399s}
                deadlines: {register: 1s, cleanup: 24h}
                """, "gantry.yml");

        assertThat(config.build()).isEqualTo(new BuildSpec("Dockerfile", "src/../lib/.", Map.of()));
        assertThat(config.run().port()).isEqualTo(65535);
        assertThat(config.run().replicas()).isEqualTo(100);
        assertThat(config.run().env()).isEqualTo(Map.of("_X", "42", "Y", ""));
        assertThat(config.run().stopGrace()).isEqualTo(Duration.ofHours(24));
        assertThat(config.deploy()).isEqualTo(new DeploySpec(Duration.ofSeconds(86399), 1, CrashLoopSpec.DEFAULTS, AnalysisSpec.OFF));
        assertThat(config.deadlines().of("register")).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.deadlines().of("cleanup")).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void loadsGantryYmlFromTheServiceDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("gantry.yml"), "service: books-ms\nrun: {replicas: 3}\n");

        assertThat(ServiceConfig.load(dir).run().replicas()).isEqualTo(3);
    }

    @Test
    void saysHowToCreateAMissingFile(@TempDir Path parent) throws IOException {
        Path dir = Files.createDirectory(parent.resolve("orders"));

        assertThatThrownBy(() -> ServiceConfig.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("gantry.yml") + " has a problem:")
                .hasMessageContaining("the file does not exist; create gantry.yml in " + dir
                        + " with at least a line like \"service: orders\"");
    }

    @Test
    void saysWhenTheServiceDirectoryDoesNotExist(@TempDir Path parent) {
        Path dir = parent.resolve("nowhere");

        assertThatThrownBy(() -> ServiceConfig.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the directory " + dir + " does not exist");
    }

    @Test
    void refusesAHugeFileWithoutReadingItAll(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("gantry.yml"), new byte[10 * 1024 * 1024]);

        assertThatThrownBy(() -> ServiceConfig.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is larger than 256 KiB");
    }

    @Test
    void refusesAFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("gantry.yml"), new byte[] {'s', ':', ' ', (byte) 0xC3, (byte) 0x28});

        assertThatThrownBy(() -> ServiceConfig.load(dir)).hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void refusesAGantryYmlThatIsNotARegularFile(@TempDir Path dir) throws IOException {
        Files.createDirectory(dir.resolve("gantry.yml"));

        assertThatThrownBy(() -> ServiceConfig.load(dir)).hasMessageContaining("the file is not a regular file");
    }

    @Test
    void reportsEveryProblemAtOnceInLineOrder() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ServiceConfig.parse("""
                image: Books
                run:
                  replicas: 0
                  port: http
                proxy: {path: api}
                """, "services/books/gantry.yml"));

        assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(e.source()).isEqualTo("services/books/gantry.yml");
        assertThat(e.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::line).containsExactly(
                tuple("service", 1), tuple("image", 1),
                tuple("run/replicas", 3), tuple("run/port", 4),
                tuple("proxy/path", 5));
        assertThat(e.getMessage()).isEqualTo("""
                services/books/gantry.yml has 5 problems:
                  service (line 1): is required; add a line like "service: books-ms"
                  image (line 1): should be an image repository name like books-ms or team/books-ms \
                (lowercase, no registry host, no tag), was "Books"
                  run/replicas (line 3): should be a whole number from 1 to 100, was 0
                  run/port (line 4): should be a whole number from 1 to 65535, was "http"
                  proxy/path (line 5): should be a URL path starting with '/', of letters, digits and . _ ~ % / - \
                (like /api/v1/books), was "api"
                See docs/gantry-yml.md for every key, its type, default and allowed values.""");
    }

    /** Deadlines in the order of the stages: checkout, test, build, push, deploy, register, pre-integration … undo. */
    private static Map<String, Duration> everyStage(Duration... deadlines) {
        List<String> stages = List.of("checkout", "test", "build", "push", "deploy", "register", "pre-integration",
                "switch", "post-integration", "analysis", "cleanup", "undo");
        Map<String, Duration> byStage = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            byStage.put(stages.get(i), deadlines[i]);
        }
        return byStage;
    }

    private static ServiceConfig parseFixture(String name) throws IOException {
        return ServiceConfig.parse(Files.readString(FIXTURES.resolve(name)), name);
    }
}
