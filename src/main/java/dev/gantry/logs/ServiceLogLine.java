package dev.gantry.logs;

import dev.gantry.Printable;
import dev.gantry.deploy.ReplicaOutput;
import dev.gantry.engine.TimedLine;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One line of a replica's output, tagged with where it comes from: the time Docker received it, the replica (and its
 * node on a Swarm), the colour and the release. {@code text} is already masked.
 */
public record ServiceLogLine(Instant time, String replica, Optional<String> node, String colour, String release,
                             String text) {

    static ServiceLogLine of(ReplicaOutput output, TimedLine line, String maskedText) {
        String release = output.release().substring(0, Math.min(12, output.release().length()));
        return new ServiceLogLine(line.time(), output.replica(), output.node(), output.colour().word(), release, maskedText);
    }

    /**
     * {@code 2026-12-04T15:04:05.123Z books-ms-blue-1-k3x9a2bq blue 1a2b3c4d5e6f | text}, a Swarm task's replica as
     * {@code books-ms-blue-k3x9a2bq.1@node2}; control characters escaped.
     */
    public String format() {
        return timestamp() + " " + Printable.of(replica + node.map(n -> "@" + n).orElse("")) + " " + colour + " "
                + Printable.of(release) + " | " + Printable.of(text);
    }

    /** The time in UTC to the millisecond: {@code 2026-12-04T15:04:05.123Z}. */
    public String timestamp() {
        return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MILLIS));
    }
}
