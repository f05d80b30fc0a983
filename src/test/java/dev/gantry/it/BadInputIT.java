package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.gantry.it.GantryCli.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gantry run} given something it cannot run: exit 2, a message that says what is wrong and
 * what to do, and nothing started: no stage, no container, no image, no run in the history.
 */
class BadInputIT {
    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aPathThatDoesNotExist() {
        Path missing = sandbox.directory("somewhere").resolve("no-such-service");

        Result run = sandbox.cli().run("run", missing.toString());

        assertRefused(run, "error: " + missing + " does not exist. Give the directory that holds the service's gantry.yml.");
    }

    @Test
    void aDirectoryOutsideAnyGitWorkTree() throws IOException {
        Path plain = sandbox.directory("plain");
        for (Path dir = plain; dir != null; dir = dir.getParent()) {
            assertThat(dir.resolve(".git")).as("precondition: no git repository around the temp dir").doesNotExist();
        }
        Files.copy(Sandbox.resource("services/tiny/gantry.yml"), plain.resolve("gantry.yml"));

        Result run = sandbox.cli().run("run", plain.toString());

        assertRefused(run, "error: " + plain + " is not inside a git work tree.");
        assertThat(run.stderr()).contains("git init");
    }

    @Test
    void aWorkTreeWithoutGantryYml() {
        ServiceRepo repo = sandbox.tiny();
        repo.delete("gantry.yml").commit("Remove gantry.yml");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertRefused(run, "error: There is no tiny/gantry.yml in commit ");
        assertThat(run.stderr()).contains("Add a gantry.yml");
    }

    @Test
    void aGantryYmlOnDiskThatIsNotCommitted() {
        ServiceRepo repo = sandbox.tiny();
        String gantryYml = repo.read("gantry.yml");
        repo.delete("gantry.yml").commit("Remove gantry.yml");
        repo.write("gantry.yml", gantryYml);

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertRefused(run, "error: tiny/gantry.yml exists but is not in commit ");
        assertThat(run.stderr()).contains("git add tiny/gantry.yml && git commit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidGantryYml")
    void anInvalidCommittedGantryYml(String scenario, Supplier<String> gantryYml, String expected) {
        ServiceRepo repo = sandbox.tiny();
        String text = gantryYml.get();
        repo.write("gantry.yml", text.contains("\nservice: tiny\n") ? ServiceRepo.named(text, sandbox.service()) : text);
        repo.commit("Break gantry.yml: " + scenario);

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertRefused(run, "error: tiny/gantry.yml has a problem:\n  " + expected);
        assertThat(run.stderr()).as("%s", run).contains("See docs/gantry-yml.md");
    }

    static Stream<Arguments> invalidGantryYml() {
        return Stream.of(
                arguments("unknown key", fixture("gantry-with-unknown-key.yml"),
                        "run/replica (line 8): is not a known key"),
                arguments("wrong type", fixture("gantry-with-wrong-type.yml"),
                        "run/replicas (line 8): should be a whole number from 1 to 100, was \"two\""),
                arguments("missing service", fixture("gantry-with-missing-service.yml"),
                        "service (line 2): is required"),
                arguments("bad service name", fixture("gantry-with-bad-service-name.yml"),
                        "service (line 2): should be a name of 1 to 40 characters"),
                arguments("not YAML", fixture("gantry-with-invalid-yaml.yml"),
                        "line 4: not valid YAML"),
                arguments("a file of 1 MiB", (Supplier<String>) () -> "service: tiny\n" + "#".repeat(1 << 20) + "\n",
                        "the file is larger than 256 KiB"),
                arguments("absurd nesting", (Supplier<String>) () -> "service: tiny\nrun:\n  env: " + "[".repeat(10_000),
                        "line 3: nesting goes deeper than 16 levels here"));
    }

    @Test
    void aGantryYmlOfMegabytesIsNotEvenRead() {
        ServiceRepo repo = sandbox.tiny();
        String huge = "service: " + sandbox.service() + "\n" + "#".repeat(5 << 20) + "\n";
        repo.write("gantry.yml", huge);
        repo.commit("Commit a 5 MiB gantry.yml");

        Result run = sandbox.cli().run("run", repo.serviceDir().toString());

        assertRefused(run, "error: tiny/gantry.yml is " + huge.length() + " bytes; a gantry.yml is a few hundred.");
    }

    private void assertRefused(Result run, String message) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.stderr()).as("%s", run).contains(message);
        assertThat(StageLines.started(run.stdout())).as("stages started by%n%s", run).isEmpty();
        assertThat(sandbox.containers()).as("containers of the service").isEmpty();
        assertThat(sandbox.images()).as("images of the service").isEmpty();
        assertThat(ManagedProxies.running(sandbox.home())).as("proxies started").isEmpty();
        Result history = sandbox.cli().run("history", sandbox.service());
        assertThat(history.stdout()).as("%s", history).contains("No runs of " + sandbox.service() + " yet.");
    }

    private static Supplier<String> fixture(String name) {
        return () -> {
            try {
                return Files.readString(Sandbox.resource("fixtures/" + name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
