package dev.gantry.traffic;

import dev.gantry.config.AnalysisSpec;
import java.util.Optional;

/**
 * Whether a new release did worse than its limits and than the release it replaced
 * (docs/observability.md#rollback-on-regression). A limit counts once the release answered
 * {@link #MIN_REQUESTS}: fewer say nothing. A limit the previous release broke as well is a regression only
 * where the new one does worse, so a deploy is not blamed for what it did not change. The error rate is judged as
 * the figures come in; the p99 only over the whole window, as a new release's first requests are slow (a JVM
 * still compiling, caches still cold) without being a regression.
 */
public final class Regression {
    /** The fewest requests a release must have answered before its figures are judged. */
    public static final long MIN_REQUESTS = 20;

    private Regression() {
    }

    /**
     * Why {@code release} regressed against {@code previous} under {@code spec}'s limits, if it did; {@code whole}
     * says the figures cover the whole window.
     */
    public static Optional<String> of(ReleaseFigures release, ReleaseFigures previous, AnalysisSpec spec, boolean whole) {
        if (release.requests() < MIN_REQUESTS) {
            return Optional.empty();
        }
        if (release.errorRate() > spec.maxErrorRate() && release.errorRate() > previous.errorRate()) {
            return Optional.of(release.errors() + " of its " + release.requests() + " requests failed with a server error ("
                    + ReleaseFigures.percent(release.errorRate()) + "; the limit, deploy/analysis/max-error-rate, is "
                    + ReleaseFigures.percent(spec.maxErrorRate()) + "; the previous release: " + previous.describe() + ")");
        }
        if (whole && release.p99Millis() > spec.maxP99().toMillis() && release.p99Millis() > previous.p99Millis()) {
            return Optional.of("99% of its " + release.requests() + " requests took up to " + release.p99Millis()
                    + "ms (the limit, deploy/analysis/max-p99, is " + spec.maxP99().toMillis() + "ms; the previous release: "
                    + previous.describe() + ")");
        }
        return Optional.empty();
    }
}
