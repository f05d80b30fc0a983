package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputLimitsTest {
    @TempDir
    Path home;

    @Test
    void theDefaultsHoldWhenNothingIsSet() {
        assertThat(Installation.load(Map.of("GANTRY_HOME", home.toString())).output())
                .isEqualTo(new OutputLimits(16384, 1000, 262144, 16777216, 1000, 262144, 33554432, 1L << 30, 7))
                .isEqualTo(OutputLimits.DEFAULTS);
    }

    @Test
    void configYmlSetsThemAndTheEnvironmentWins() throws IOException {
        Files.writeString(home.resolve("config.yml"), """
                output:
                  line-max: 4KiB
                  stored-lines: 200
                  stored-max: 64KiB
                  file-max: 2MiB
                  replay-lines: 300
                  replay-max: 32768
                  container-log-max: 8MiB
                  collected-max: 256MiB
                  collected-days: 30
                """);

        OutputLimits limits = Installation.load(Map.of("GANTRY_HOME", home.toString(),
                "GANTRY_OUTPUT_FILE_MAX", "1GiB")).output();

        assertThat(limits).isEqualTo(new OutputLimits(4096, 200, 65536, 1L << 30, 300, 32768, 8L << 20, 256L << 20, 30));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            line-max     | 512      | output/line-max (line 2): should be a size like 16KiB, 16MiB or 1GiB, from 1KiB to 1MiB, was 512
            file-max     | 2GiB     | output/file-max (line 2): should be a size like 16KiB, 16MiB or 1GiB, from 1MiB to 1GiB, was "2GiB"
            stored-max   | 16 MB    | output/stored-max (line 2): should be a size like 16KiB, 16MiB or 1GiB, from 16KiB to 16MiB, was "16 MB"
            stored-lines | 5        | output/stored-lines (line 2): should be a whole number from 10 to 100000, was 5
            container-log-max | 512KiB | output/container-log-max (line 2): should be a size like 16KiB, 16MiB or 1GiB, from 1MiB to 16GiB, was "512KiB"
            replay-lines | lots     | output/replay-lines (line 2): should be a whole number from 10 to 100000, was "lots"
            collected-max | 1MiB    | output/collected-max (line 2): should be a size like 16KiB, 16MiB or 1GiB, from 16MiB to 256GiB, was "1MiB"
            collected-days | 0      | output/collected-days (line 2): should be a whole number from 1 to 3650, was 0
            """)
    void aBadValueInConfigYmlIsRefusedWithItsKeyAndLine(String key, String value, String message) throws IOException {
        Files.writeString(home.resolve("config.yml"), "output:\n  " + key + ": " + value + "\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).contains(message));
    }

    @Test
    void aBadVariableIsRefusedByName() {
        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString(),
                "GANTRY_OUTPUT_LINE_MAX", "16kb")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).contains(
                        "GANTRY_OUTPUT_LINE_MAX: should be a size like 16KiB, 16MiB or 1GiB, from 1KiB to 1MiB, was \"16kb\""));
    }

    @Test
    void anUnknownKeyUnderOutputIsRefused() throws IOException {
        Files.writeString(home.resolve("config.yml"), "output:\n  line-length: 4KiB\n");

        assertThatThrownBy(() -> Installation.load(Map.of("GANTRY_HOME", home.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line-length");
    }
}
