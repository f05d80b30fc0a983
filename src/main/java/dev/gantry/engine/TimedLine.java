package dev.gantry.engine;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One line of a container's output as Docker keeps it, with the time Docker received it ({@code timestamps=true}
 * puts an RFC 3339 time and a space before each line).
 */
public record TimedLine(Instant time, String text) {

    /** The line Docker sent; one without a readable time keeps its text whole, at the epoch. */
    static TimedLine parse(String line) {
        int space = line.indexOf(' ');
        if (space > 0) {
            try {
                return new TimedLine(Instant.parse(line.substring(0, space)), line.substring(space + 1));
            } catch (DateTimeParseException e) {
                // not a time: the line as it came
            }
        }
        return new TimedLine(Instant.EPOCH, line);
    }
}
