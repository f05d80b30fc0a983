package dev.gantry.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a release is watched after the switch and put back when it regresses: {@code deploy/analysis} in
 * gantry.yml (docs/observability.md#rollback-on-regression). Off unless the section is written; written, even
 * empty, each key has its default.
 *
 * @param on whether the analysis runs
 * @param window how long the new release is watched after the switch (default 2m), the old colour kept meanwhile
 * @param maxErrorRate the share of requests it may answer with a server error, 0 to 1 (default 0.01)
 * @param maxP99 the time within which 99% of its requests must be answered (default 500ms)
 */
public record AnalysisSpec(boolean on, Duration window, double maxErrorRate, Duration maxP99) {
    static final List<String> KEYS = List.of("window", "max-error-rate", "max-p99");
    /** The shortest window: one stored period of request figures. */
    static final Duration MIN_WINDOW = Duration.ofSeconds(10);
    /** The longest window. */
    static final Duration MAX_WINDOW = Duration.ofMinutes(30);
    public static final AnalysisSpec OFF = new AnalysisSpec(false, Duration.ofMinutes(2), 0.01, Duration.ofMillis(500));
    private static final Pattern PERCENT = Pattern.compile("(100|[0-9]{1,2})(\\.[0-9]{1,3})?%");
    private static final Rule<Double> SHARE = new Rule<>(Rule.Kind.STRING, "a percentage from 0% to 100% like 1% or 0.5%",
            text -> Optional.of(text).filter(t -> PERCENT.matcher(t).matches())
                    .map(t -> Double.parseDouble(t.substring(0, t.length() - 1)) / 100).filter(share -> share <= 1));
    private static final Rule<Duration> WINDOW = new Rule<>(Rule.Kind.STRING, "a duration from 10s to 30m like 2m",
            text -> Durations.parse(text).filter(d -> d.compareTo(MIN_WINDOW) >= 0 && d.compareTo(MAX_WINDOW) <= 0));

    /** Checks for nulls. */
    public AnalysisSpec {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(maxP99, "maxP99");
    }

    static AnalysisSpec read(YamlMap deploy) {
        if (!deploy.has("analysis")) {
            return OFF;
        }
        YamlMap analysis = deploy.section("analysis", KEYS);
        return new AnalysisSpec(true, analysis.get("window", WINDOW, OFF.window),
                analysis.get("max-error-rate", SHARE, OFF.maxErrorRate),
                analysis.get("max-p99", Rule.duration(), OFF.maxP99));
    }
}
