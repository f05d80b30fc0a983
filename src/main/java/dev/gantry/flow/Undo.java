package dev.gantry.flow;

import dev.gantry.deploy.Production;
import dev.gantry.deploy.RunJournal;
import dev.gantry.engine.LogSink;
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
        List<String> failures = takeBack(run.changes(), run.production(), "run " + run.runId(), log);
        if (!failures.isEmpty()) {
            throw new UndoFailedException(run.service(), run.failure(), failures);
        }
    }

    /**
     * Takes back the changes of {@code changes} not undone yet, newest first, as {@code by}: the run
     * itself, or recovery for a run whose process died. Answers what could not be taken back.
     */
    static List<String> takeBack(RunJournal changes, Production production, String by, LogSink log) {
        return changes.undo(production, by, log);
    }
}
