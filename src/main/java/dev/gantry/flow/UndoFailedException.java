package dev.gantry.flow;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import java.util.List;

/** A run failed and taking its changes back failed too: production needs a person; the run needs attention. */
public final class UndoFailedException extends GantryException {
    private final List<String> failures;

    UndoFailedException(String service, RuntimeException cause, List<String> failures) {
        super(cause.getMessage() + "; undoing the run's changes failed too, so production is NOT as it was: "
                + String.join("; ", failures) + ". The run is marked needs-attention. "
                + NeedsAttention.whatToDo(service) + ".", cause);
        this.failures = List.copyOf(failures);
    }

    /** What could not be undone. */
    public List<String> failures() {
        return failures;
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ENVIRONMENT_UNUSABLE;
    }
}
