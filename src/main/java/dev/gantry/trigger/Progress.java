package dev.gantry.trigger;

/** One event of a queued run's progress, as its subscribers hear it (the SSE events of docs/server.md). */
public sealed interface Progress {
    /** A stage started ({@code state} "started") or ended (passed, failed, cancelled; {@code millis} it took). */
    record StageEvent(String stage, String state, long millis) implements Progress {
        private static final String STARTED = "started";

        /** {@code stage} started. */
        public static StageEvent started(String stage) {
            return new StageEvent(stage, STARTED, 0);
        }

        /** Whether this says the stage started, not how it ended. */
        public boolean isStart() {
            return state.equals(STARTED);
        }
    }

    /** A line of progress or of a stage's output ({@code stage} empty when it belongs to none), secrets masked. */
    record Line(String stage, String text) implements Progress {
    }

    /** The run ended: its queue state, whether it succeeded, its run id (0 if it never started) and why. */
    record End(String state, boolean succeeded, long runId, String message) implements Progress {
    }
}
