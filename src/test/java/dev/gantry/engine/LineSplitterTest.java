package dev.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.LineCut;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();

    @Test
    void chunksCutAnywhereBecomeWholeLinesWithoutTheirBreaks() {
        var splitter = new LineSplitter(lines::add, 64);
        splitter.accept("first li");
        splitter.accept("ne\r\nsecond\nthi");
        splitter.accept("rd");
        splitter.flush();

        assertThat(lines).containsExactly("first line", "second", "third");
    }

    @Test
    void aLineLongerThanTheLimitIsHandedOnAtTheLimitWithAMarkerAndTheRestDropped() {
        var splitter = new LineSplitter(lines::add, 8);
        splitter.accept("0123456789abcdef");
        splitter.accept("more of the same line");
        splitter.accept(" and its end\nnext\n");

        assertThat(lines).containsExactly("01234567… [line cut at 8 bytes]", "next");
    }

    @Test
    void aLineOfExactlyTheLimitIsKeptWhole() {
        var splitter = new LineSplitter(lines::add, 8);
        splitter.accept("01234567\n0123");
        splitter.accept("4567");
        splitter.accept("\n");

        assertThat(lines).containsExactly("01234567", "01234567");
    }

    @Test
    void aCharacterSplitByTheLimitIsLeftOutRatherThanBroken() {
        var splitter = new LineSplitter(lines::add, 5);
        splitter.accept("abcd€uro\n".getBytes(StandardCharsets.UTF_8));  // € is 3 bytes: the limit falls inside it

        assertThat(lines).containsExactly("abcd… [line cut at 5 bytes]");
    }

    @Test
    void aHundredMegabytesWithoutALineBreakCostOnlyTheLimit() {
        var splitter = new LineSplitter(lines::add, 16 * 1024);
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 100; i++) {
            splitter.accept(chunk);
        }
        splitter.accept("\nafter\n");
        splitter.flush();

        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).hasSize(16 * 1024 + LineCut.marker(16 * 1024).length())
                .endsWith("a… [line cut at 16384 bytes]");
        assertThat(lines.getLast()).isEqualTo("after");
    }

    @Test
    void aCutLineThatNeverEndsEmitsNothingMoreAtTheFlush() {
        var splitter = new LineSplitter(lines::add, 4);
        splitter.accept("abcdefgh");
        splitter.flush();
        splitter.accept("x\n");

        assertThat(lines).containsExactly("abcd… [line cut at 4 bytes]", "x");
    }
}
