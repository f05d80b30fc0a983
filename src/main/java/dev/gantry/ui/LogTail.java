package dev.gantry.ui;

import java.util.Arrays;
import java.util.List;

/**
 * The last {@code lines} of a log, each made printable, and how many lines the whole log has ({@code total}). Found
 * from the end of the text and counted without splitting the rest, so a stage's 100,000-line log costs little more
 * than its last lines.
 */
record LogTail(List<String> lines, long total) {

    /** The last {@code count} lines of {@code text} (lines end with a line feed; the last one may not). */
    static LogTail of(String text, int count) {
        if (text.isEmpty()) {
            return new LogTail(List.of(), 0);
        }
        int end = text.endsWith("\n") ? text.length() - 1 : text.length();
        long total = 1;
        for (int at = text.indexOf('\n'); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) {
            total++;
        }
        int start = text.lastIndexOf('\n', end - 1) + 1;  // where the last line begins
        for (int kept = 1; kept < count && start > 0; kept++) {
            start = text.lastIndexOf('\n', start - 2) + 1;  // the line before: its line feed is at start - 1
        }
        return new LogTail(Arrays.stream(text.substring(start, end).split("\n", -1)).map(RunLabels::printable).toList(),
                total);
    }

    /** Whether lines were left out before the ones kept. */
    boolean cut() {
        return total > lines.size();
    }
}
