package dev.gantry.git;

import dev.gantry.trigger.Progress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a run's progress into the {@code remote:} lines a pusher reads: each stage's start and end,
 * the run's own lines, the last lines of a stage that failed, and the result with its URL.
 */
final class RemoteLines {
    static final int FAILURE_TAIL = 15;

    private final Map<String, Deque<String>> tails = new HashMap<>();
    private String current = "";

    /** The lines to show for {@code event} (none for a stage's output unless it fails, none for the end). */
    List<String> of(Progress event) {
        return switch (event) {
            case Progress.Line line when line.stage().isEmpty() -> List.of(line.text());
            case Progress.Line line -> {
                remember(line.stage(), line.text());
                yield List.of();
            }
            case Progress.StageEvent stage -> stage(stage);
            case Progress.End end -> List.of();
        };
    }

    /** The line for a run that has not ended by the deadline. */
    String stillRunning(long seconds) {
        return current.isEmpty() ? "waiting for the run to start (" + seconds + "s)"
                : current + ": still running (" + seconds + "s)";
    }

    /** The result line of a run that ended, with its URL when it went live. */
    static String result(long runId, boolean succeeded, String failedStage, String message, String url) {
        String run = runId == 0 ? "the run" : "run " + runId;
        if (succeeded) {
            return run + " succeeded: live at " + url;
        }
        return run + " FAILED" + (failedStage.isEmpty() ? "" : " at " + failedStage) + ": " + message
                + " (production is as it was)";
    }

    private List<String> stage(Progress.StageEvent stage) {
        if (stage.isStart()) {
            current = stage.stage();
            tails.remove(stage.stage());
            return List.of(stage.stage() + ": started");
        }
        List<String> lines = new ArrayList<>();
        lines.add(stage.stage() + ": " + stage.state() + " (" + seconds(stage.millis()) + ")");
        if (stage.state().equals("failed")) {
            lines.add("last lines of " + stage.stage() + ":");
            tails.getOrDefault(stage.stage(), new ArrayDeque<>()).forEach(line -> lines.add("  " + line));
        }
        tails.remove(stage.stage());
        if (current.equals(stage.stage())) {
            current = "";
        }
        return lines;
    }

    private void remember(String stage, String line) {
        Deque<String> tail = tails.computeIfAbsent(stage, s -> new ArrayDeque<>());
        tail.addLast(line);
        if (tail.size() > FAILURE_TAIL) {
            tail.removeFirst();
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
