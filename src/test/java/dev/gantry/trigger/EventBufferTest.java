package dev.gantry.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventBufferTest {
    private static final String LEFT_OUT = "lines of output left out: the live log keeps the last 3 lines or 16KiB";

    @Test
    void keepsTheNewestLinesAndEveryStageEventAndSaysWhereLinesWereLeftOut() {
        var buffer = new EventBuffer(3, 16 << 10);
        buffer.add(new Progress.StageEvent("test", "started", 0));
        for (int i = 1; i <= 10; i++) {
            buffer.add(new Progress.Line("test", "line " + i));
        }
        buffer.add(new Progress.StageEvent("test", "failed", 1200));

        List<Progress> events = buffer.events();

        assertThat(events).hasSize(6);
        assertThat(events.getFirst()).isEqualTo(new Progress.StageEvent("test", "started", 0));
        assertThat(events.get(1)).isInstanceOfSatisfying(Progress.Line.class,
                gap -> assertThat(gap.text()).startsWith("… [7 " + LEFT_OUT));
        assertThat(events.subList(2, 6)).containsExactly(new Progress.Line("test", "line 8"),
                new Progress.Line("test", "line 9"), new Progress.Line("test", "line 10"),
                new Progress.StageEvent("test", "failed", 1200));
    }

    @Test
    void aGapStaysWhereItsLinesWereBetweenStages() {
        var buffer = new EventBuffer(3, 16 << 10);
        buffer.add(new Progress.StageEvent("build", "started", 0));
        buffer.add(new Progress.Line("build", "b1"));
        buffer.add(new Progress.StageEvent("build", "passed", 5));
        buffer.add(new Progress.StageEvent("test", "started", 0));
        for (int i = 1; i <= 4; i++) {
            buffer.add(new Progress.Line("test", "t" + i));
        }

        assertThat(buffer.events()).extracting(EventBufferTest::shown).containsExactly(
                "build started", "… [1 lines", "build passed", "test started", "… [1 lines", "t2", "t3", "t4");
    }

    @Test
    void boundsTheBytesOfTheLinesToo() {
        var buffer = new EventBuffer(1000, 16 << 10);
        for (int i = 0; i < 100; i++) {
            buffer.add(new Progress.Line("test", "x".repeat(1023)));
        }

        assertThat(buffer.events()).hasSize(17).first().isInstanceOfSatisfying(Progress.Line.class,
                gap -> assertThat(gap.text()).startsWith("… [84 lines of output left out"));
    }

    @Test
    void aSlowReadersFeedIsBoundedAndToldWhatItMissed() throws InterruptedException {
        var feed = new ProgressFeed(List.of(), 3, 16 << 10, closed -> { });
        for (int i = 1; i <= 1000; i++) {
            feed.offer(new Progress.Line("test", "line " + i));
        }

        assertThat(feed.next(java.time.Duration.ZERO)).hasValueSatisfying(first -> assertThat(first)
                .isInstanceOfSatisfying(Progress.Line.class, gap -> assertThat(gap.text()).startsWith("… [997 " + LEFT_OUT)));
        assertThat(feed.next(java.time.Duration.ZERO)).contains(new Progress.Line("test", "line 998"));
    }

    private static String shown(Progress event) {
        return switch (event) {
            case Progress.StageEvent stage -> stage.stage() + " " + stage.state();
            case Progress.Line line -> line.text().startsWith("…") ? line.text().substring(0, 10) : line.text();
            case Progress.End end -> "end";
        };
    }
}
