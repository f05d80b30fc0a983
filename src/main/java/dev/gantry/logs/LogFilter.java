package dev.gantry.logs;

import dev.gantry.deploy.ReplicaOutput;
import dev.gantry.discovery.Colour;
import java.time.Instant;
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
        if (lines < 1 || lines > MOST_LINES) {
            throw new IllegalArgumentException("lines must be from 1 to " + MOST_LINES + ", was " + lines);
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
