package dev.gantry.cli;

import dev.gantry.config.Durations;
import dev.gantry.pipeline.Pipeline;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How long {@code run}, {@code deploy} and {@code rollback} wait for another run of the same service
 * to end (docs/locks.md): {@code --lock-timeout} (default 30m, nothing waits forever), or
 * {@code --no-wait} to fail at once.
 */
final class LockWaitOptions {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choice choice;

    /** The wait chosen: zero for {@code --no-wait}. */
    Duration lockWait() {
        if (choice == null) {
            return Pipeline.LOCK_WAIT;
        }
        return choice.noWait ? Duration.ZERO : choice.timeout;
    }

    /** One of the two options, not both. */
    static final class Choice {
        @Option(names = "--no-wait", description = "Fail at once if another run of the service holds its lock.")
        boolean noWait;

        @Option(names = "--lock-timeout", paramLabel = "DURATION", converter = DurationText.class,
                description = "How long to wait for another run of the service to end, e.g. 90s or 5m (default: 30m).")
        Duration timeout;
    }

    /** A duration as config files write it (90s, 5m, 1h). */
    static final class DurationText implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return Durations.parse(text).orElseThrow(() -> new TypeConversionException(
                    "'" + text + "' should be a whole number and a unit, e.g. 90s, 5m or 1h (at most 24h)"));
        }
    }
}
