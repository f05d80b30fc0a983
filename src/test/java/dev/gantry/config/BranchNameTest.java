package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BranchNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a..b        | contains '..'
            -x          | starts with '-'
            /a          | starts with '/'
            a/          | ends with '/'
            a.          | ends with '.'
            a//b        | contains '//'
            a@{b        | contains '@{'
            @{-1}       | contains '@{'
            a.lock      | has a part ending with '.lock' (a.lock)
            a/b.lock/c  | has a part ending with '.lock' (b.lock)
            .a          | has a part starting with '.' (.a)
            a/.b        | has a part starting with '.' (.b)
            "a b"       | contains ' '
            a~b         | contains '~'
            a^b         | contains '^'
            a:b         | contains ':'
            a?b         | contains '?'
            a*b         | contains '*'
            a[b         | contains '['
            a\\b        | contains '\\'
            HEAD        | is HEAD
            @           | is '@'
            """)
    void aBadNameIsRefusedNamingTheRule(String name, String rule) {
        assertThat(BranchName.problem(name)).hasValueSatisfying(problem -> assertThat(problem).startsWith(rule));
        assertThat(BranchName.refusal(name)).hasValueSatisfying(message -> assertThat(message)
                .contains("is not a valid branch name: it " + rule).contains("git check-ref-format --branch"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "release/2.1", "feature/x-y_z", "héllo", "@a", "a@b", "x/-y", "a.b", "v1.lock.d"})
    void aGoodNameIsTaken(String name) {
        assertThat(BranchName.problem(name)).isEmpty();
    }

    @Test
    void controlCharactersEmptyAndOverlongNamesAreRefusedAndNeverPrintedRaw() {
        assertThat(BranchName.problem("a\tb")).contains("contains a control character");
        assertThat(BranchName.problem("a\u007fb")).contains("contains a control character");
        assertThat(BranchName.refusal("a\u001b[31mb")).hasValueSatisfying(message ->
                assertThat(message).doesNotContain("\u001b").contains("a\\u001b[31mb"));
        assertThat(BranchName.problem("")).contains("is empty");
        assertThat(BranchName.problem("b".repeat(BranchName.MAX_LENGTH))).isEmpty();
        assertThat(BranchName.problem("b".repeat(BranchName.MAX_LENGTH + 1))).contains("is longer than 255 characters");
    }

    /** The same names given to the real git: Gantry agrees with it on each, except '@', refused on purpose. */
    @ParameterizedTest
    @ValueSource(strings = {"main", "release/2.1", "héllo", "@a", "x/-y", "a..b", "-x", "/a", "a/", "a.", "a//b",
            "a@{b", "a.lock", "a/b.lock/c", ".a", "a/.b", "a b", "a~b", "a^b", "a:b", "a?b", "a*b", "a[b", "a\\b",
            "a\tb", "HEAD"})
    void gantryAgreesWithGitCheckRefFormat(String name) throws Exception {
        assertThat(BranchName.problem(name).isEmpty()).as("valid for Gantry: %s", name).isEqualTo(gitTakes(name));
    }

    @Test
    void theOneNameGitTakesAndGantryRefusesIsTheAtSign() throws Exception {
        assertThat(gitTakes("@")).isTrue();
        assertThat(BranchName.problem("@")).isPresent();
    }

    private static boolean gitTakes(String name) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "check-ref-format", "--branch", name).redirectErrorStream(true).start();
        git.getOutputStream().close();
        git.getInputStream().readAllBytes();
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).as("git check-ref-format ended").isTrue();
        return git.exitValue() == 0;
    }
}
