package dev.gantry.logs;

import dev.gantry.Printable;
import dev.gantry.config.Durations;
import dev.gantry.deploy.ReplicaOutput;
import dev.gantry.discovery.Colour;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What {@code gantry logs} shows (docs/logs.md): lines from {@code since} on, of one colour, of releases whose commit
 * starts with {@code release}, containing {@code grep}; at most the last {@code lines} of them.
 */
public record LogFilter(Optional<Instant> since, Optional<Colour> colour, Optional<String> release,
                        Optional<String> grep, int lines) {
    /** The most lines one reading keeps and shows (--lines). */
    public static final int MOST_LINES = 10_000;

    public LogFilter {
        checkLines(lines);
    }

    /** {@code lines} if it is from 1 to {@link #MOST_LINES}; else what it should be, for --lines and ?lines=. */
    public static int checkLines(int lines) {
        if (lines < 1 || lines > MOST_LINES) {
            throw new IllegalArgumentException("should be from 1 to " + MOST_LINES + ", was " + lines);
        }
        return lines;
    }

    /**
     * {@code --since} and {@code ?since=}: an age back from {@code now} ({@code 10m}, at most 24h) or a time
     * ({@code 2026-12-04T15:00:00Z}); anything else is refused with what was expected.
     */
    public static Instant since(String text, Instant now) {
        Optional<Instant> ago = Durations.parse(text).map(now::minus);
        if (ago.isPresent()) {
            return ago.get();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("should be an age such as 10m or 2h (at most 24h), or a time such as"
                    + " 2026-12-04T15:00:00Z, was \"" + Printable.of(text) + "\"");
        }
    }

    boolean accepts(ReplicaOutput output) {
        return colour.map(c -> c == output.colour()).orElse(true)
                && release.map(r -> output.release().startsWith(r)).orElse(true);
    }

    /** Whether the line, as shown (masked: a search must not tell whether a secret is in the output), is wanted. */
    boolean accepts(Instant time, String shownText) {
        return since.map(at -> !time.isBefore(at)).orElse(true) && grep.map(shownText::contains).orElse(true);
    }
}
