package dev.gantry.pipeline;

import java.util.ArrayDeque;
import java.util.List;

/** The last lines of some output: what a failure shows so that it explains itself. */
final class Tail {
    static final int LINES = 25;

    private final ArrayDeque<String> lines = new ArrayDeque<>();

    synchronized void add(String line) {
        if (lines.size() == LINES) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
