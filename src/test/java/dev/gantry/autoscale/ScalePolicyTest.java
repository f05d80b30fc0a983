package dev.gantry.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.ScaleSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ScalePolicyTest {
    private static final int SEASON = 24;
    private static final ScaleSpec REACTIVE = new ScaleSpec(1, 6, OptionalInt.of(40), Optional.empty());
    private static final ScaleSpec FORECAST = new ScaleSpec(1, 6, OptionalInt.of(40), Optional.of(Duration.ofMinutes(4)));

    private final ScalePolicy policy = new ScalePolicy();

    @Test
    void theObservedLoadScalesUpAtOnceWithinMax() {
        assertThat(policy.decide("shop", 2, REACTIVE, new double[] {30, 130}, 0)).hasValueSatisfying(decision -> {
            assertThat(decision.replicas()).isEqualTo(4);
            assertThat(decision.why()).isEqualTo("observed 130.0/s, no season; 40/s per replica");
        });
        assertThat(policy.decide("shop", 2, REACTIVE, new double[] {900}, 0)).map(ScalePolicy.Decision::replicas)
                .contains(6);
        assertThat(policy.decide("shop", 4, REACTIVE, new double[] {130}, 0)).as("as many as it runs").isEmpty();
    }

    @Test
    void aLoadWithinTenPercentOverWhatTheReplicasServeStartsNoOtherOne() {
        assertThat(policy.decide("shop", 4, REACTIVE, new double[] {176}, 0)).as("176/s on 4 x 40/s: 10% over").isEmpty();
        assertThat(policy.decide("shop", 4, REACTIVE, new double[] {177}, 0)).map(ScalePolicy.Decision::replicas)
                .contains(5);
        assertThat(policy.decide("shop", 1, REACTIVE, new double[] {45}, 0)).map(ScalePolicy.Decision::replicas)
                .as("one replica at 45/s: 12.5% over").contains(2);
    }

    @Test
    void aLowerLoadScalesDownOnlyAfterThreePeriodsInARowAndNeverBelowMin() {
        assertThat(policy.decide("shop", 4, REACTIVE, new double[] {10}, 0)).isEmpty();
        assertThat(policy.decide("shop", 4, REACTIVE, new double[] {10}, 0)).isEmpty();
        assertThat(policy.decide("shop", 4, REACTIVE, new double[] {10}, 0)).hasValueSatisfying(decision -> {
            assertThat(decision.replicas()).isEqualTo(1);
            assertThat(decision.why()).endsWith("; below 4 replicas for 3 periods");
        });

        policy.decide("cart", 4, REACTIVE, new double[] {10}, 0);
        policy.decide("cart", 4, REACTIVE, new double[] {160}, 0);
        assertThat(policy.decide("cart", 4, REACTIVE, new double[] {10}, 0)).as("a busy period starts the count again")
                .isEmpty();
        assertThat(policy.decide("idle", 1, REACTIVE, new double[] {0}, 0)).isEmpty();
    }

    @Test
    void aPeakTheSeasonsForetellIsScaledForBeforeItComes() {
        double[] history = seasons(3);
        int beforeRamp = 2 * SEASON + 8;  // position 8: the load is still low, it rises from there
        double[] upToNow = Arrays.copyOf(history, beforeRamp + 1);

        var reactiveOnly = policy.decide("shop", 1, REACTIVE, upToNow, 0);
        var withForecast = policy.decide("shop", 1, FORECAST, upToNow, SEASON);

        assertThat(reactiveOnly).as("observed %.1f/s", upToNow[beforeRamp]).isEmpty();
        assertThat(withForecast).hasValueSatisfying(decision -> {
            assertThat(decision.replicas()).as(decision.why()).isGreaterThanOrEqualTo(2);
            assertThat(decision.why()).startsWith("observed 20.0/s, forecast ");
        });
    }

    @Test
    void aForecastFarOffLatelyIsSetAsideAndTheObservedLoadDecides() {
        double[] history = seasons(3);
        for (int t = history.length - 3; t < history.length; t++) {
            history[t] = 130;  // nothing like the seasons before
        }

        var decision = policy.decide("shop", 1, FORECAST, history, SEASON);

        assertThat(decision).hasValueSatisfying(scaled -> {
            assertThat(scaled.replicas()).isEqualTo(4);
            assertThat(scaled.why()).containsPattern("forecast [0-9.]+/s set aside \\(its last forecasts were \\d+% off\\)");
        });
    }

    @Test
    void withFewerThanTwoSeasonsRecordedThereIsNoForecastYet() {
        double[] history = Arrays.copyOf(seasons(3), 2 * SEASON - 1);

        assertThat(ScalePolicy.forecast(history, SEASON).rate()).isEmpty();
        assertThat(ScalePolicy.forecast(history, SEASON).note()).isEqualTo("no forecast yet (it needs two seasons of figures)");
    }

    @Test
    void aLoadThatFallsAsTheForecastSaysIsScaledDownAtOnce() {
        double[] history = seasons(3);
        double[] afterThePeak = Arrays.copyOf(history, 2 * SEASON + 17);  // observed 20/s, forecast 20/s

        assertThat(policy.decide("shop", 5, FORECAST, afterThePeak, SEASON)).hasValueSatisfying(decision -> {
            assertThat(decision.replicas()).isEqualTo(1);
            assertThat(decision.why()).isEqualTo("observed 20.0/s, forecast 20.0/s; 40/s per replica; the forecast agrees");
        });
    }

    @Test
    void theForecastNeverScalesInWhileTheObservedLoadIsHigh() {
        double[] history = seasons(3);
        double[] atThePeaksEnd = Arrays.copyOf(history, 2 * SEASON + 16);  // the forecast goes down from here
        atThePeaksEnd[atThePeaksEnd.length - 1] = 150;

        for (int round = 0; round < ScalePolicy.QUIET_DECISIONS + 1; round++) {
            assertThat(policy.decide("shop", 4, FORECAST, atThePeaksEnd, SEASON)).isEmpty();
        }
    }

    /** {@code count} seasons of 24 periods: 20/s, a ramp from position 8 to a peak of 150/s at 12, down by 16. */
    private static double[] seasons(int count) {
        double[] rates = new double[count * SEASON];
        for (int t = 0; t < rates.length; t++) {
            rates[t] = HoltWintersTest.shape(t % SEASON);
        }
        return rates;
    }
}
