package dev.gantry.flow;

import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;
import java.util.List;

/**
 * The undo stage, after a failure in the deployment half: every journaled change of the run is taken
 * back, newest first. Changes it cannot take back leave production to a person (exit 3).
 */
final class Undo implements Step {

    @Override
    public Stage stage() {
        return Stage.UNDO;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        List<String> failures = run.changes().undo(run.production(), "run " + run.runId(), log);
        if (!failures.isEmpty()) {
            throw new UndoFailedException(run.service(), run.failure(), failures);
        }
    }
}
