package dev.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The last lines of a log, found from its end, and its lines counted. */
class LogTailTest {
    @Test
    void theLastLinesAndTheCountOfAll() {
        assertThat(LogTail.of("a\nb\nc\nd\n", 2)).isEqualTo(new LogTail(List.of("c", "d"), 4));
        assertThat(LogTail.of("a\nb\nc\nd", 2)).isEqualTo(new LogTail(List.of("c", "d"), 4));
        assertThat(LogTail.of("a\nb\n", 5)).isEqualTo(new LogTail(List.of("a", "b"), 2));
        assertThat(LogTail.of("a\nb\n", 2)).isEqualTo(new LogTail(List.of("a", "b"), 2));
        assertThat(LogTail.of("a\nb\n", 1).cut()).isTrue();
        assertThat(LogTail.of("a\nb\n", 2).cut()).isFalse();
    }

    @Test
    void emptyLinesCount() {
        assertThat(LogTail.of("", 3)).isEqualTo(new LogTail(List.of(), 0));
        assertThat(LogTail.of("\n", 3)).isEqualTo(new LogTail(List.of(""), 1));
        assertThat(LogTail.of("\n\nx\n", 3)).isEqualTo(new LogTail(List.of("", "", "x"), 3));
        assertThat(LogTail.of("\n\nx\n", 2)).isEqualTo(new LogTail(List.of("", "x"), 3));
        assertThat(LogTail.of("x\n\n", 1)).isEqualTo(new LogTail(List.of(""), 2));
    }

    @Test
    void eachLineIsMadePrintable() {
        assertThat(LogTail.of("\u001b[1mbold\u001b[0m\n\u001b]0;t\u0007\n", 5).lines())
                .containsExactly("bold", "\\x1b]0;t\\x07");
    }
}
