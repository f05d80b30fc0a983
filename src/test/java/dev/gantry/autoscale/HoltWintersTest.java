package dev.gantry.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HoltWintersTest {
    private static final int SEASON = 24;

    @Test
    void aRepeatingPatternIsForecastExactlyAndItsRecentErrorIsNone() {
        double[] series = seasons(3, 0, 0);

        HoltWinters model = HoltWinters.fit(series, SEASON);

        for (int step = 1; step <= SEASON; step++) {
            assertThat(model.forecast(step)).as("step %d", step).isCloseTo(shape((3 * SEASON - 1 + step) % SEASON),
                    within(1e-6));
        }
        assertThat(model.recentError(SEASON)).isCloseTo(0, within(1e-9));
    }

    @Test
    void thePeakOfTheNextSeasonIsForeseenThroughNoiseAndGrowth() {
        double[] series = seasons(4, 0.1, 0.5);
        HoltWinters model = HoltWinters.fit(series, SEASON);

        // the last observation is at t = 95, position 23; the next peak (position 12) is 13 steps on, at t = 108
        double expected = shape(12) + 0.5 * 108;
        assertThat(model.forecast(13)).as("the next season's peak").isCloseTo(expected, within(expected * 0.15));
        assertThat(model.recentError(SEASON)).as("noise of 10%% leaves the forecasts near").isLessThan(0.2);
    }

    @Test
    void aPatternThatChangedMakesTheRecentErrorLarge() {
        double[] series = seasons(3, 0, 0);
        for (int t = series.length - 3; t < series.length; t++) {
            series[t] = 400;  // the load of the last periods is nothing like the seasons before
        }

        assertThat(HoltWinters.fit(series, SEASON).recentError(6)).isGreaterThan(0.5);
    }

    @Test
    void fewerThanTwoSeasonsAreRefused() {
        assertThatThrownBy(() -> HoltWinters.fit(new double[2 * SEASON - 1], SEASON))
                .hasMessageContaining("needs at least 48 observations");
        assertThatThrownBy(() -> HoltWinters.fit(seasons(2, 0, 0), SEASON).forecast(0)).hasMessageContaining("at least one step");
    }

    /** A day's shape: 20 at night, a ramp to a peak of 150 at position 12, and down again. */
    static double shape(int position) {
        return 20 + 130 * Math.max(0, 1 - Math.abs(position - 12) / 4.0);
    }

    private static double[] seasons(int count, double noise, double growthPerStep) {
        var random = new Random(7);
        double[] series = new double[count * SEASON];
        for (int t = 0; t < series.length; t++) {
            series[t] = shape(t % SEASON) * (1 + noise * (random.nextDouble() * 2 - 1)) + growthPerStep * t;
        }
        return series;
    }
}
