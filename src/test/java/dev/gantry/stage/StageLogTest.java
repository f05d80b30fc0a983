package dev.gantry.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.LineCut;
import dev.gantry.config.OutputLimits;
import dev.gantry.engine.LogSink;
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
    void theHeadOfASecretThatTheLineCutSplitIsMaskedInTheFileTheStoreAndTheLiveLog() throws Exception {
        String secret = "hunter2-hunter2";
        String cutLine = "x".repeat(100) + "hunter2-hu" + LineCut.marker(110);
        var live = new java.util.ArrayList<String>();
        try (StageLog log = new StageLog(dir.resolve("test.log"), SecretMask.of(List.of(secret)), live::add,
                OutputLimits.DEFAULTS)) {
            log.line(cutLine);

            assertThat(log.text()).isEqualTo("x".repeat(100) + "***" + LineCut.marker(110) + "\n");
            assertThat(live).containsExactly("x".repeat(100) + "***" + LineCut.marker(110));
        }
        assertThat(Files.readString(dir.resolve("test.log"))).doesNotContain("hunter2-hu").contains("x***…");
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

    @Test
    void theStoreKeepsTheLastLinesAndSaysHowManyCameBefore() {
        var limits = new OutputLimits(16 << 10, 10, 256 << 10, 16L << 20, 1000, 256 << 10, 32L << 20, 1L << 30, 7);
        try (StageLog log = new StageLog(dir.resolve("test.log"), SecretMask.NONE, line -> { }, limits)) {
            for (int i = 1; i <= 1000; i++) {
                log.line("line " + i);
            }

            assertThat(log.text().lines().toList()).hasSize(11).contains("line 991").endsWith("line 1000").first()
                    .asString().startsWith("… [990 earlier lines are not kept here: the store keeps the last 10 lines"
                            + " or 256KiB of a stage; the log file " + dir.resolve("test.log") + " has more]");
            assertThat(log.cuts()).contains("output cut: the store keeps the last 10 of 1000 lines");
        }
    }

    @Test
    void theStoreKeepsNoMoreThanItsBytes() {
        var limits = new OutputLimits(16 << 10, 1000, 16 << 10, 16L << 20, 1000, 256 << 10, 32L << 20, 1L << 30, 7);
        try (StageLog log = new StageLog(dir.resolve("test.log"), SecretMask.NONE, line -> { }, limits)) {
            for (int i = 0; i < 100; i++) {
                log.line("y".repeat(1023));
            }

            assertThat(log.text().length()).isBetween(15 << 10, 17 << 10);
            assertThat(log.cuts()).contains("output cut: the store keeps the last 16 of 100 lines");
        }
    }

    @Test
    void theFileKeepsItsHeadThenSaysWhatItLeftOutAndEndsWithTheTail() throws Exception {
        var limits = new OutputLimits(16 << 10, 5, 256 << 10, 1L << 20, 1000, 256 << 10, 32L << 20, 1L << 30, 7);
        Path file = dir.resolve("test.log");
        try (StageLog log = new StageLog(file, SecretMask.NONE, line -> { }, limits)) {
            for (int i = 1; i <= 200_000; i++) {
                log.line(String.format("line %06d of endless output", i));
            }
            assertThat(log.cuts()).hasValueSatisfying(cut -> assertThat(cut)
                    .contains("the log file stopped at 1MiB (165048 lines, 4951440 bytes, not in it)"));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(Files.size(file)).isLessThan((1L << 20) + 1024);
        assertThat(lines.getFirst()).isEqualTo("line 000001 of endless output");
        assertThat(lines.get(lines.size() - 7)).isEqualTo("line 034952 of endless output");
        assertThat(lines.get(lines.size() - 6)).isEqualTo("… [the log file stopped at 1MiB (165048 lines, 4951440 bytes,"
                + " not in it); the last 5 of them follow]");
        assertThat(lines.getLast()).isEqualTo("line 200000 of endless output");
    }

    @Test
    void linesTheEngineCutAreCounted() {
        try (StageLog log = new StageLog(dir.resolve("test.log"))) {
            log.line("a".repeat(100) + LineCut.marker(LogSink.DEFAULT_LINE_MAX));
            log.line("short");

            assertThat(log.cuts()).contains("output cut: 1 line cut at 16KiB");
        }
    }

    @Test
    void nothingCutIsNothingSaid() {
        try (StageLog log = new StageLog(dir.resolve("test.log"))) {
            log.line("one line");

            assertThat(log.cuts()).isEmpty();
            assertThat(log.text()).isEqualTo("one line\n");
        }
    }
}
