package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.secret.SecretMask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageLogTest {
    @TempDir
    Path dir;

    @Test
    void colourCodesAreDroppedAndOtherControlCharactersShownEscaped() throws Exception {
        try (StageLog log = new StageLog(dir.resolve("test.log"))) {
            log.line("\u001B[91mFAIL\u001B[0m list books");
            log.line("title\u001B]0;owned\u0007 and\ttab");

            assertThat(log.tail()).containsExactly("FAIL list books", "title\\x1b]0;owned\\x07 and\ttab");
            assertThat(log.text()).isEqualTo("FAIL list books\ntitle\\x1b]0;owned\\x07 and\ttab\n");
        }
        assertThat(Files.readString(dir.resolve("test.log"))).contains("FAIL list books").doesNotContain("\u001B");
    }

    @Test
    void secretsAreMaskedInTheFileTheTextAndTheTail() throws Exception {
        String secret = "hunter2-hunter2";
        try (StageLog log = new StageLog(dir.resolve("test.log"), SecretMask.of(List.of(secret)))) {
            log.line("token: " + secret);
            log.line("\u001B[31mhunter2-\u001B[0mhunter2 coloured in two");

            assertThat(log.tail()).containsExactly("token: ***", "*** coloured in two");
            assertThat(log.text()).doesNotContain(secret);
        }
        assertThat(Files.readString(dir.resolve("test.log"))).isEqualTo("token: ***\n*** coloured in two\n");
    }

    @Test
    void theTailKeepsTheLastLinesOnly() {
        try (StageLog log = new StageLog(dir.resolve("build.log"))) {
            for (int i = 1; i <= Tail.LINES + 5; i++) {
                log.line("line " + i);
            }
            assertThat(log.tail()).hasSize(Tail.LINES).startsWith("line 6").endsWith("line 30");
        }
    }
}
