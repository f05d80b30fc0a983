package dev.gantry.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.AnalysisSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegressionTest {
    private static final AnalysisSpec SPEC = new AnalysisSpec(true, Duration.ofMinutes(2), 0.01, Duration.ofMillis(500));
    private static final ReleaseFigures HEALTHY = figures(1000, 2, 5, 1000);

    @Test
    void halfItsRequestsFailingIsARegressionAsSoonAsEnoughAreIn() {
        var broken = figures(74, 37, 5, 74);

        assertThat(Regression.of(broken, HEALTHY, SPEC, false)).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("37 of its 74 requests failed with a server error (50.0%; the limit,"
                        + " deploy/analysis/max-error-rate, is 1.0%; the previous release: 1000 requests, 2 failed"
                        + " (0.2%), p99 5ms)"));
        assertThat(Regression.of(figures(19, 19, 5, 19), HEALTHY, SPEC, true))
                .as("fewer than %d requests say nothing", Regression.MIN_REQUESTS).isEmpty();
    }

    @Test
    void aLimitThePreviousReleaseBrokeToIsARegressionOnlyWhereTheNewOneDoesWorse() {
        var flaky = figures(1000, 50, 5, 1000);

        assertThat(Regression.of(figures(1000, 40, 5, 1000), flaky, SPEC, true)).isEmpty();
        assertThat(Regression.of(figures(1000, 60, 5, 1000), flaky, SPEC, true)).isPresent();
        assertThat(Regression.of(figures(1000, 10, 5, 1000), HEALTHY, SPEC, true)).as("1.0% is within 1%").isEmpty();
    }

    @Test
    void aSlowP99IsJudgedOverTheWholeWindowOnly() {
        var slow = figures(100, 0, 2000, 100);  // in the 1000-2500 ms bucket: rank 99 of 100 is 1000 + 1500 * 0.99

        assertThat(Regression.of(slow, HEALTHY, SPEC, false)).as("the first requests of a new release are slow").isEmpty();
        assertThat(Regression.of(slow, HEALTHY, SPEC, true)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("99% of its 100 requests took up to 2485ms (the limit, deploy/analysis/max-p99, is 500ms;"));
        assertThat(Regression.of(slow, slow, SPEC, true)).as("no slower than before").isEmpty();
    }

    /** {@code requests}, {@code errors} of them, {@code slowOnes} taking {@code millis} and the rest 1 ms. */
    private static ReleaseFigures figures(long requests, long errors, long millis, long slowOnes) {
        var latency = LatencyBuckets.empty();
        for (long i = 0; i < requests; i++) {
            latency.add(i < slowOnes ? millis : 1);
        }
        return new ReleaseFigures(requests, errors, latency);
    }
}
