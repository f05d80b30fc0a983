package dev.gantry.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Durations, ages and times as the pages show them: {@code 4.2 s}, {@code 3 min 5 s}, {@code 2 h ago}, UTC times. */
final class HumanTime {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HumanTime() {
    }

    /** {@code 0.8 s}, {@code 42.0 s}, {@code 3 min 5 s}, {@code 2 h 10 min}. */
    static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    /** How long ago {@code then} was at {@code now}: {@code just now}, {@code 5 min ago}, {@code 3 days ago}. */
    static String ago(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        if (seconds < 60) {
            return "just now";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h ago";
        }
        long days = seconds / 86_400;
        return days + (days == 1 ? " day ago" : " days ago");
    }

    /** {@code 2026-12-05 06:12:30 UTC}. */
    static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
