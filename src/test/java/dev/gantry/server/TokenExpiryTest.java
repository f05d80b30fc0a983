package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --expires}: days, hours or minutes, whole and positive, at most ten years. */
class TokenExpiryTest {
    @ParameterizedTest
    @CsvSource({"30d, PT720H", "12h, PT12H", "90m, PT1H30M", "1m, PT1M", "3650d, PT87600H"})
    void aWholeNumberOfDaysHoursOrMinutesIsALifetime(String text, Duration lifetime) {
        assertThat(TokenExpiry.parse(text)).isEqualTo(lifetime);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "d", "0d", "-1d", "1.5h", "30s", "2w", "30 d", "1D", "01d"})
    void anythingElseIsRefusedSayingWhatToWrite(String text) {
        assertThatThrownBy(() -> TokenExpiry.parse(text)).isInstanceOf(ServerInputException.class)
                .hasMessageContaining("should be a whole number of days, hours or minutes, like 30d, 12h or 90m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3651d", "87601h", "9999999m"})
    void moreThanTenYearsIsRefused(String text) {
        assertThatThrownBy(() -> TokenExpiry.parse(text)).isInstanceOf(ServerInputException.class)
                .hasMessageContaining("is longer than 3650d, the longest allowed; leave --expires out");
    }
}
