package dev.gantry.logs;

import java.time.Duration;

/**
 * How much collected output the {@link LogArchive} keeps (docs/logs.md, "Collected logs"): lines younger than
 * {@code maxAge}, and at most {@code maxBytes} of the archive's pages in use; past either, the oldest lines go first.
 */
public record LogRetention(Duration maxAge, long maxBytes) {
    /** 7 days and 1 GiB. */
    public static final LogRetention DEFAULTS = new LogRetention(Duration.ofDays(7), 1L << 30);

    public LogRetention {
        if (maxAge.isNegative() || maxAge.isZero() || maxBytes < 1) {
            throw new IllegalArgumentException("retention must keep something: " + maxAge + ", " + maxBytes + " bytes");
        }
    }
}
