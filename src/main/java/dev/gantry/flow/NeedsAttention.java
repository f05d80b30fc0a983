package dev.gantry.flow;

import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.Store;
import java.util.List;
import java.util.Optional;

/**
 * Runs whose changes to production could not all be taken back (docs/journal-recovery-locks.md):
 * marked {@code needs-attention} once, with what is left and what to do, and never retried on their
 * own, so a cause that persists is told once rather than failed again by every command.
 * {@code gantry lock release SERVICE} tries once more.
 */
public final class NeedsAttention {
    private NeedsAttention() {
    }

    /** What a person does about a run of {@code service} that needs attention. */
    static String whatToDo(String service) {
        return "Nothing retries it on its own: fix the cause (or remove what is named by hand), then run"
                + " `gantry lock release " + service + "`, which tries the undo once more";
    }

    /** Marks {@code run} as needing attention, with {@code what} is left; answers the message stored. */
    static String mark(Store store, RunRecord run, Optional<String> stage, String what) {
        String message = what + ". " + whatToDo(run.service()) + ".";
        store.runs().finish(run.id(), RunState.NEEDS_ATTENTION, run.failedStage().or(() -> stage), Optional.of(message));
        return message;
    }

    /** One short line per run that needs attention, for every command that opens the store. */
    public static List<String> reminders(Store store) {
        return store.runs().needingAttention().stream().map(run -> "run " + run.id() + " of " + run.service()
                + " needs attention (gantry history " + run.service() + " says why; gantry lock release "
                + run.service() + " tries its undo again)").toList();
    }
}
