package dev.gantry.pipeline;

import dev.gantry.BothStores;
import dev.gantry.GitRepo;
import dev.gantry.TestInstallation;
import dev.gantry.TestStore;
import dev.gantry.notify.Notifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.config.Installation;
import dev.gantry.config.ServiceConfig;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Discovery;
import dev.gantry.engine.ContainerExit;
import dev.gantry.engine.ContainerSpec;
import dev.gantry.image.Registry;
import dev.gantry.proxy.RecordingProxy;
import dev.gantry.secret.SecretMask;
import dev.gantry.secret.Vault;
import dev.gantry.source.Release;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageFailedException;
import dev.gantry.store.RunRecord;
import dev.gantry.store.StageRecord;
import dev.gantry.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A service's secrets in runs: given to its containers, and masked in every output the run makes. */
@BothStores
class SecretsInRunsTest {
    @RegisterExtension
    final TestStore testStore = new TestStore();

    private static final String SECRET = "s3cr3t token/+&é " + "9d2f".repeat(4);
    private static final String GANTRY_YML = """
            service: books-ms
            run: {replicas: 2, env: {API_TOKEN: from-gantry-yml, MODE: prod}, health: {path: /health, interval: 100ms, timeout: 1s}}
            proxy: {path: /api/v1/books}
            deploy: {drain: 1ms}
            """;

    @TempDir
    Path dir;

    private Path home;
    private Store store;
    private Discovery discovery;
    private final List<String> warningsAndTitles = new ArrayList<>();
    private int healthStatus = 200;
    private GitRepo repo;
    private ServiceSource source;

    @BeforeEach
    void aCommittedServiceWithASecret() {
        home = dir.resolve("home");
        store = Store.open(testStore.url(home));
        discovery = Discovery.open("embedded", store);
        repo = GitRepo.init(dir.resolve("repo"))
                .write("books/gantry.yml", GANTRY_YML)
                .write("books/Dockerfile", "FROM gantry/java:25\n")
                .write("books/Dockerfile.test", "FROM gantry/java:25\n");
        repo.commit("Add books");
        source = ServiceSource.locate(repo.root().resolve("books"));
        Vault.of(home, store).set("books-ms", "API_TOKEN", SECRET);
    }

    @AfterEach
    void closeStore() {
        discovery.close();
        store.close();
    }

    @Test
    void theSecretReachesEveryAppAndTestContainerAndWinsOverRunEnv() {
        var engine = new LeakyEngine();

        pipeline(engine).run(source, source.config(), "cli");

        assertThat(engine.appContainers).hasSize(2).allSatisfy(spec -> assertThat(spec.env())
                .containsEntry("API_TOKEN", SECRET).containsEntry("MODE", "prod").containsEntry("GANTRY_COLOUR", "blue"));
        assertThat(engine.recording.testContainers).extracting(spec -> spec.env().get("TEST_TYPE"))
                .containsExactly("pre-deployment", "pre-integration", "post-integration");
        assertThat(engine.recording.testContainers).extracting(spec -> spec.env().get("API_TOKEN")).containsOnly(SECRET);
        assertNoSecretInLogsOrStore();
        assertThat(logText()).contains("books-ms-pre-deployment-1-inst0001 raw: ***", "books-ms-pre-deployment-1-inst0001 base64: ***");
    }

    @Test
    void whatAFailingTestPrintedIsMaskedInItsLastLinesLogsAndStore() {
        var engine = new LeakyEngine();
        engine.recording.testsExit("pre-deployment", new ContainerExit(1, false, false));

        assertThatThrownBy(() -> pipeline(engine).run(source, source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> {
                    assertThat(e.lastLines()).contains("books-ms-pre-deployment-1-inst0001 raw: ***",
                            "books-ms-pre-deployment-1-inst0001 url: ***", "books-ms-pre-deployment-1-inst0001 url%20: ***",
                            "books-ms-pre-deployment-1-inst0001 base64: ***");
                    assertNoLeak(String.join("\n", e.lastLines()));
                });
        assertNoSecretInLogsOrStore();
    }

    @Test
    void theAppOutputShownForAFailedHealthCheckIsMasked() {
        var engine = new LeakyEngine();
        healthStatus = 503;

        assertThatThrownBy(() -> pipeline(engine).run(source, source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> {
                    assertThat(e.stage()).isEqualTo(Stage.DEPLOY);
                    assertThat(e.lastLines()).contains("books-ms-blue-1-inst0001 raw: ***", "books-ms-blue-1-inst0001 listening on 8080");
                    assertNoLeak(String.join("\n", e.lastLines()));
                });
        assertNoSecretInLogsOrStore();
        assertThat(Files.exists(home.resolve("logs/books-ms/1-deploy.log"))).isTrue();
        assertThat(logText()).contains("books-ms-blue-1-inst0001 header: QmVhcmVyIH***");
    }

    @Test
    void aDockerErrorNamingTheSecretIsMaskedInTheReasonTheMessageAndTheHistory() {
        var engine = new LeakyEngine().failBuildsSaying("failed to resolve " + SECRET);

        assertThatThrownBy(() -> pipeline(engine).run(source, source.config(), "cli"))
                .isInstanceOfSatisfying(StageFailedException.class, e -> {
                    assertThat(e.reason()).endsWith("failed: failed to resolve ***");
                    assertThat(e.getMessage()).doesNotContain(SECRET).contains("***");
                });
        RunRecord run = store.runs().history("books-ms", 1).getFirst();
        assertThat(run.message()).hasValueSatisfying(message -> assertThat(message).endsWith("failed to resolve ***"));
        assertNoSecretInLogsOrStore();
    }

    @Test
    void anUnexpectedFailureNamingTheSecretReachesThePersonMaskedWithItsExitCode() {
        var engine = new LeakyEngine().failPulls(new IllegalStateException("cannot pull with " + SECRET));

        assertThatThrownBy(() -> pipeline(engine).run(source, source.config(), "cli"))
                .isInstanceOfSatisfying(GantryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("unexpected failure: cannot pull with ***");
                    assertThat(e.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
                });
        assertThat(store.runs().history("books-ms", 1).getFirst().stages()).extracting(StageRecord::name)
                .contains("deploy", "undo");
        assertNoSecretInLogsOrStore();
    }

    @Test
    void aRollbackGivesTheContainersTheSecretAsItIsNow() {
        var engine = new LeakyEngine();
        pipeline(engine).run(source, source.config(), "cli");
        repo.write("books/README.md", "second release\n");
        repo.commit("Second");
        pipeline(engine).run(ServiceSource.locate(source.workTree().resolve("books")), source.config(), "cli");
        String rotated = "rotated " + SECRET;
        Vault.of(home, store).set("books-ms", "API_TOKEN", rotated);

        pipeline(engine).rollback("books-ms", "cli");

        ContainerSpec last = engine.appContainers.getLast();
        assertThat(last.env()).containsEntry("API_TOKEN", rotated);
    }

    @Test
    void listenersHearWarningsAndTitlesMasked() {
        var engine = new LeakyEngine();
        RunListener listener = new RunListener() {
            @Override
            public void runStarted(long runId, ServiceConfig config, Release release) {
                warningsAndTitles.add(release.title());
            }
        };
        var titled = new ServiceSource(source.workTree(), source.servicePath(),
                new Release(source.release().commit(), "Use " + SECRET, false));

        pipeline(engine, listener).run(titled, source.config(), "cli");

        assertThat(warningsAndTitles).containsExactly("Use ***");
        assertThat(store.runs().history("books-ms", 1).getFirst().commitTitle()).isEqualTo("Use ***");
    }

    private void assertNoSecretInLogsOrStore() {
        assertNoLeak(logText());
        for (RunRecord run : store.runs().history("books-ms", 10)) {
            assertNoLeak(run.message().orElse(""));
            for (StageRecord stage : run.stages()) {
                assertNoLeak(stage.message().orElse(""));
                assertNoLeak(store.runs().stageLog(run.id(), stage.name()).orElse(""));
            }
        }
        for (String file : List.of("gantry.db", "gantry.db-wal")) {
            Path db = home.resolve(file);
            if (Files.exists(db)) {
                assertThat(bytes(db)).as(file).doesNotContain(new String(SECRET.getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static void assertNoLeak(String text) {
        assertThat(text).doesNotContain(SECRET)
                .doesNotContain(URLEncoder.encode(SECRET, StandardCharsets.UTF_8))
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(SecretMask.of(List.of(SECRET)).apply(text)).as("masking again changes nothing")
                .isEqualTo(text);
    }

    private String logText() {
        Path logs = home.resolve("logs");
        if (!Files.exists(logs)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(logs)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(Files.readString(file));
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bytes(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Pipeline pipeline(LeakyEngine engine) {
        return pipeline(engine, RunListener.SILENT);
    }

    private Pipeline pipeline(LeakyEngine engine, RunListener listener) {
        var installation = Installation.load(Map.of("GANTRY_HOME", home.toString()));
        var production = new Production(TestInstallation.ID, engine, discovery, new RecordingProxy(), (url, timeout) -> healthStatus);
        return new Pipeline(engine, Registry.at("127.0.0.1:5000"), store, production, installation,
                listener, Pipeline.LOCK_WAIT, Notifier.none());
    }
}
