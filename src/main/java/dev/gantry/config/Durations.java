package dev.gantry.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as config files write them: a positive whole number and a unit, {@code 500ms 30s 10m 1h}. */
public final class Durations {
    static final Duration MAX = Duration.ofHours(24);
    static final String MAX_TEXT = "24h";
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,8})(ms|s|m|h)");

    private Durations() {
    }

    /** The duration, or empty if the text is not one or is longer than a day. */
    public static Optional<Duration> parse(String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        return Optional.of(duration).filter(d -> d.compareTo(MAX) <= 0);
    }

    /** The duration as a config file would write it: {@code 1h}, {@code 90s}, {@code 500ms}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
