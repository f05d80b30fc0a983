package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStandardError() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(originalErr);
    }

    @Test
    void anUnknownCommandIsBadUsage() {
        assertThat(Main.execute("deploy-everything")).isEqualTo(2);
        assertThat(stderr()).contains("Unmatched argument").contains("deploy-everything");
    }

    @Test
    void logsRefusesABadAgeColourOrLineCountBeforeOpeningTheStore() {
        assertThat(Main.execute("logs", "books-ms", "--since", "yesterday")).isEqualTo(2);
        assertThat(Main.execute("logs", "books-ms", "--since", "25h")).isEqualTo(2);
        assertThat(Main.execute("logs", "books-ms", "--colour", "red")).isEqualTo(2);
        assertThat(Main.execute("logs", "books-ms", "--lines", "0")).isEqualTo(2);

        assertThat(stderr()).contains("should be an age such as 10m or 2h (at most 24h), or a time such as"
                        + " 2026-12-04T15:00:00Z, was \"yesterday\"").contains("was \"25h\"")
                .contains("should be blue or green, was \"red\"").contains("--lines should be from 1 to 10000, was 0");
    }

    @Test
    void aMissingArgumentIsBadUsage() {
        assertThat(Main.execute("history")).isEqualTo(2);
        assertThat(stderr()).contains("Missing required parameter: 'SERVICE'");
    }

    @Test
    void aPathOutsideGitIsBadInputWithOneErrorLineAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path plain = Files.createDirectories(dir.resolve("service"));

        assertThat(Main.execute("run", plain.toString())).isEqualTo(2);

        assertThat(stderr()).startsWith("error: " + plain + " is not inside a git work tree")
                .doesNotContain("at dev.gantry");
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path dir) {
        assertThat(Main.execute("run", "--verbose", dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(stderr()).contains("does not exist").contains("at dev.gantry.source.ServiceSource");
    }

    @Test
    void serviceAddRefusesABranchNameGitWouldRefuseNamingTheRuleBeforeOpeningTheStore() {
        assertThat(Main.execute("service", "add", "books-ms", "--branch", "release..2")).isEqualTo(2);
        assertThat(stderr()).startsWith("error: The branch \"release..2\" is not a valid branch name: it contains '..'.")
                .contains("git check-ref-format --branch");
        err.reset();

        assertThat(Main.execute("service", "add", "books-ms", "--branch=-rf")).isEqualTo(2);
        assertThat(stderr()).contains("it starts with '-'");
    }

    @Test
    void secretCommandsRefuseABadNameOrServiceBeforeReadingTheValueOrOpeningTheStore() {
        assertThat(Main.execute("secret", "set", "books-ms", "api-token")).isEqualTo(2);
        assertThat(Main.execute("secret", "list", "Books_MS")).isEqualTo(2);
        assertThat(Main.execute("secret", "remove", "books-ms", "GANTRY_RELEASE")).isEqualTo(2);

        assertThat(stderr()).contains("error: The secret name 'api-token' is not an environment variable name")
                .contains("error: The service 'Books_MS' is not a service name")
                .contains("error: The secret name GANTRY_RELEASE is one Gantry sets itself");
    }

    @Test
    void secretWithoutASubcommandIsBadUsage() {
        assertThat(Main.execute("secret")).isEqualTo(2);
        assertThat(stderr()).contains("Missing subcommand: set, list or remove.").contains("Usage: gantry secret");
    }

    @Test
    void serviceAddRefusesABadNameOrBranchBeforeOpeningTheStoreAndTokenNeedsASubcommand() {
        assertThat(Main.execute("service", "add", "Books_MS")).isEqualTo(2);
        assertThat(Main.execute("service", "add", "books-ms", "--branch", "two words")).isEqualTo(2);
        assertThat(Main.execute("token")).isEqualTo(2);

        assertThat(stderr()).contains("error: The service \"Books_MS\" is not a service name")
                .contains("error: The branch \"two words\" is not a valid branch name: it contains ' '")
                .contains("Missing subcommand: create, list or revoke.");
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
