package dev.gantry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimedLineTest {

    @Test
    void dockersTimeIsReadAndTheRestIsTheLine() {
        assertThat(TimedLine.parse("2026-12-04T15:04:05.123456789Z tiny: serving on 8080"))
                .isEqualTo(new TimedLine(Instant.parse("2026-12-04T15:04:05.123456789Z"), "tiny: serving on 8080"));
        assertThat(TimedLine.parse("2026-12-04T15:04:05Z ")).isEqualTo(new TimedLine(Instant.parse("2026-12-04T15:04:05Z"), ""));
    }

    @Test
    void aLineWithoutATimeIsKeptWholeAtTheEpoch() {
        assertThat(TimedLine.parse("no time here")).isEqualTo(new TimedLine(Instant.EPOCH, "no time here"));
        assertThat(TimedLine.parse("")).isEqualTo(new TimedLine(Instant.EPOCH, ""));
    }
}
