package dev.gantry.flow;

import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;

/**
 * One box of the flow (docs/design.md, "The flow"): a stage that reads and fills the context of the
 * run, writes its output to the stage's log, and returns or throws. {@link FlowRunner} runs it as
 * its stage: log file, store row, events, deadline.
 */
non-sealed interface Step extends Part {
    /** The stage this step is, as shown and stored. */
    Stage stage();

    /** Whether the step runs in {@code run} at all; a step that does not is no stage of it (the analysis when off). */
    default boolean appliesTo(FlowRun run) {
        return true;
    }

    /** Does the step's work for {@code run}. */
    void run(FlowRun run, StageLog log);
}
