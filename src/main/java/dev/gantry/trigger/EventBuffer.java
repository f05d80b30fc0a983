package dev.gantry.trigger;

import dev.gantry.config.ByteSizes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;

/**
 * A run's progress events within bounds: stage events and the end are always kept (a run has a few
 * dozen), lines only the newest {@code maxLines} and {@code maxBytes} of them. Where lines were let go,
 * a line says how many, in their place. Not thread-safe: its owner locks.
 */
final class EventBuffer {
    private final int maxLines;
    private final long maxBytes;
    private final LinkedList<Object> entries = new LinkedList<>();
    private int lines;
    private long bytes;

    EventBuffer(int maxLines, long maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** Lines left out in one place, counted. */
    private static final class Gap {
        private long lines;
    }

    void add(Progress event) {
        entries.addLast(event);
        if (event instanceof Progress.Line line) {
            lines++;
            bytes += bytes(line);
            while (lines > maxLines || (bytes > maxBytes && lines > 1)) {
                dropOldestLine();
            }
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Takes the oldest event (a gap as the line that tells it). */
    Progress poll() {
        Object first = entries.removeFirst();
        if (first instanceof Progress.Line line) {
            lines--;
            bytes -= bytes(line);
        }
        return shown(first);
    }

    /** Every event kept, oldest first, with a line where lines were let go. */
    List<Progress> events() {
        List<Progress> events = new ArrayList<>(entries.size());
        entries.forEach(entry -> events.add(shown(entry)));
        return events;
    }

    private void dropOldestLine() {
        ListIterator<Object> it = entries.listIterator();
        Gap before = null;
        while (it.hasNext()) {
            Object entry = it.next();
            if (entry instanceof Progress.Line line) {
                lines--;
                bytes -= bytes(line);
                if (before != null) {
                    it.remove();
                    before.lines++;
                } else {
                    Gap gap = new Gap();
                    gap.lines = 1;
                    it.set(gap);
                }
                return;
            }
            before = entry instanceof Gap gap ? gap : null;
        }
    }

    private Progress shown(Object entry) {
        if (entry instanceof Gap gap) {
            return new Progress.Line("", "… [" + gap.lines + " lines of output left out: the live log keeps the last "
                    + maxLines + " lines or " + ByteSizes.format(maxBytes) + " of a run (output/replay-lines,"
                    + " output/replay-max); the stage's stored log and log file have more]");
        }
        return (Progress) entry;
    }

    private static long bytes(Progress.Line line) {
        return line.text().getBytes(StandardCharsets.UTF_8).length + 1L;
    }
}
