package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "1s, PT1S", "90s, PT1M30S", "10m, PT10M", "1h, PT1H", "24h, PT24H"})
    void readsAWholeNumberAndAUnit(String text, Duration expected) {
        assertThat(Durations.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "-1s", "1.5s", "10 minutes", "0s", "0ms", "01s", "1d", "25h", "1S", " 1s", "s", ""})
    void refusesAnythingElse(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"PT0.5S, 500ms", "PT1.5S, 1500ms", "PT90S, 90s", "PT10M, 10m", "PT2H, 2h"})
    void formatsAsAConfigFileWouldWriteIt(Duration duration, String expected) {
        assertThat(Durations.format(duration)).isEqualTo(expected);
    }
}
