package dev.gantry.deploy;

import dev.gantry.engine.LogSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a deployment has changed in production, as the steps that take each change back. On a
 * failure they run newest first, so production ends as it was before the deployment began.
 */
public final class Undo {
    private record Step(String description, Runnable action) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    /** Remembers how to take back a change that has just been made. */
    public synchronized void push(String description, Runnable action) {
        steps.push(new Step(description, action));
    }

    /** True when there is nothing to take back. */
    public synchronized boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Forgets every step: the changes are now meant to stay. */
    public synchronized void commit() {
        steps.clear();
    }

    /**
     * Takes every change back, newest first. A step that fails does not stop the others; what
     * failed is logged and returned, so a person can finish it by hand.
     */
    public synchronized List<String> run(LogSink log) {
        List<String> failures = new ArrayList<>();
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.action().run();
                log.line("undone: " + step.description());
            } catch (RuntimeException e) {
                String failure = step.description() + " could not be undone: " + e.getMessage();
                log.line("UNDO FAILED: " + failure);
                failures.add(failure);
            }
        }
        return failures;
    }
}
