package dev.gantry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrintableTest {
    /** Hostile text, what a terminal, a remote: line, the API and a log show of it, and why. */
    static Stream<Arguments> hostileText() {
        return Stream.of(
                Arguments.of("\u001b[91mFAIL\u001b[0m list", "FAIL list", "colour codes are dropped"),
                Arguments.of("\u001b[1;31;4mbold\u001b[m", "bold", "every form of SGR is dropped"),
                Arguments.of("clear\u001b[2Jscreen", "clear\\x1b[2Jscreen", "other CSI sequences are shown escaped"),
                Arguments.of("\u001b]8;;http://evil.example\u001b\\click\u001b]8;;\u001b\\",
                        "\\x1b]8;;http://evil.example\\x1b\\click\\x1b]8;;\\x1b\\", "an OSC 8 hyperlink is shown escaped"),
                Arguments.of("\u001b]0;owned\u0007title", "\\x1b]0;owned\\x07title", "a window title is shown escaped"),
                Arguments.of("\u001bPq#0\u001b\\", "\\x1bPq#0\\x1b\\", "a DCS sequence is shown escaped"),
                Arguments.of("bell\u0007", "bell\\x07", "BEL is shown escaped"),
                Arguments.of("50%\r100%", "50%\\x0d100%", "a CR without LF is shown escaped"),
                Arguments.of("a\u0000b\u007f\nc", "a\\x00b\\x7f\\x0ac", "NUL, DEL and LF are shown escaped"),
                Arguments.of("\u009b2J", "\\x9b2J", "a C1 CSI is shown escaped"),
                Arguments.of("\u0085next", "\\x85next", "a C1 NEL is shown escaped"),
                Arguments.of("abc\u202edcba", "abc\\u202edcba", "a right-to-left override is shown escaped"),
                Arguments.of("\u202aembed\u202c", "\\u202aembed\\u202c", "bidi embeddings are shown escaped"),
                Arguments.of("\u2066isolated\u2069", "\\u2066isolated\\u2069", "bidi isolates are shown escaped"),
                Arguments.of("\u200fmark\u061c", "\\u200fmark\\u061c", "bidi marks are shown escaped"),
                Arguments.of("line\u2028next", "line\\u2028next", "the line separator is shown escaped"),
                Arguments.of("lone \ud800 half", "lone \\ud800 half", "a lone surrogate is shown escaped"),
                Arguments.of("tab\tstays", "tab\tstays", "a tab stays"),
                Arguments.of("Grüße, 日本, 🙂", "Grüße, 日本, 🙂", "printable text outside ASCII stays"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("hostileText")
    void hostileTextIsShownEscaped(String input, String shown, String why) {
        assertThat(Printable.of(input)).as(why).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("hostileText")
    void applyingItTwiceChangesNothingMore(String input, String shown, String why) {
        assertThat(Printable.of(Printable.of(input))).as(why).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("hostileText")
    void nothingThatDrivesATerminalIsLeft(String input, String shown, String why) {
        assertThat(Printable.of(input).codePoints()).as(why)
                .noneMatch(c -> c != '\t' && (Character.isISOControl(c) || Printable.unsafe(c)));
    }

    @Test
    void aMessageOfSeveralLinesKeepsItsLineFeedsAndEscapesTheRest() {
        assertThat(Printable.lines("tiny/gantry.yml has a problem:\n  run/replica\u001b[2J (line 8)\r\nSee docs"))
                .isEqualTo("tiny/gantry.yml has a problem:\n  run/replica\\x1b[2J (line 8)\\x0d\nSee docs");
    }
}
