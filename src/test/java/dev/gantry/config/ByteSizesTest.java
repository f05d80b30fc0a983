package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {
    @ParameterizedTest
    @CsvSource({"1, 1", "1048576, 1048576", "100B, 100", "512KiB, 524288", "256MiB, 268435456", "1GiB, 1073741824",
            "1024GiB, 1099511627776"})
    void readsBytesOrAWholeNumberAndABinaryUnit(String text, long bytes) {
        assertThat(ByteSizes.parse(text, 1L << 40)).contains(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5MiB", "1MB", "1 MiB", "1mib", "01", "MiB", "", "1025GiB"})
    void refusesAnythingElseAndMoreThanTheMaximum(String text) {
        assertThat(ByteSizes.parse(text, 1L << 40)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"268435456, 256MiB", "1073741824, 1GiB", "3072, 3KiB", "1500, 1500B", "524288, 512KiB"})
    void formatsInTheLargestUnitThatDividesIt(long bytes, String text) {
        assertThat(ByteSizes.format(bytes)).isEqualTo(text);
    }
}
