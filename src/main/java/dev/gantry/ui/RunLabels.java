package dev.gantry.ui;

import dev.gantry.Printable;
import dev.gantry.heal.CrashLoopGuard;

/** How the pages name what a run is and did: its kind, with automatic rollbacks told apart, and its short commit. */
final class RunLabels {
    private static final int SHORT_COMMIT = 12;

    private RunLabels() {
    }

    /** {@code run}, {@code deploy}, {@code rollback}, {@code automatic rollback} (the crash-loop guard's), {@code scale}. */
    static String kind(String kind, String trigger) {
        return kind.equals("rollback") && trigger.startsWith(CrashLoopGuard.AUTOMATIC) ? "automatic rollback" : kind;
    }

    /** The first 12 characters of a commit, as {@code gantry history} shows it. */
    static String shortCommit(String commit) {
        return commit.substring(0, Math.min(SHORT_COMMIT, commit.length()));
    }

    /** Text from outside (a title, a trigger, a branch, a log) with colour codes dropped and controls shown escaped. */
    static String printable(String text) {
        return text == null ? "" : Printable.lines(text);
    }
}
