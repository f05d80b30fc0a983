package dev.gantry.logs;

import java.time.Duration;

/**
 * How much collected output the {@link LogArchive} keeps (docs/logs.md, "Collected logs"; config.yml's
 * output/collected-days and output/collected-max): lines younger than
 * {@code maxAge}, and at most {@code maxBytes} of the archive's pages in use; past either, the oldest lines go first.
 */
public record LogRetention(Duration maxAge, long maxBytes) {

    public LogRetention {
        if (maxAge.isNegative() || maxAge.isZero() || maxBytes < 1) {
            throw new IllegalArgumentException("retention must keep something: " + maxAge + ", " + maxBytes + " bytes");
        }
    }
}
