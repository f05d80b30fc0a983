package dev.gantry.logs;

import dev.gantry.engine.TimedLine;
import java.time.Instant;

/**
 * How far the collection of one container's output got: the Docker timestamp of the last line kept and how many
 * kept lines carry exactly that timestamp, so that reading again from that time skips those and keeps the rest
 * (nothing lost, nothing twice).
 */
public record LogCursor(Instant time, int linesAtTime) {

    /** Tells, line by line of a reading from this cursor's second on, which lines were not kept yet. */
    Unkept unkept() {
        return new Unkept(this);
    }

    /** The lines of one reading that come after the cursor: earlier ones, and the first {@code linesAtTime} at its time, were kept. */
    static final class Unkept {
        private final LogCursor cursor;
        private int skippedAtTime;

        private Unkept(LogCursor cursor) {
            this.cursor = cursor;
        }

        /** Whether {@code line} (the next of the reading) was not kept yet. */
        synchronized boolean test(TimedLine line) {
            if (line.time().isBefore(cursor.time())) {
                return false;
            }
            if (line.time().equals(cursor.time()) && skippedAtTime < cursor.linesAtTime()) {
                skippedAtTime++;
                return false;
            }
            return true;
        }
    }
}
