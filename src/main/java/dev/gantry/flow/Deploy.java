package dev.gantry.flow;

import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;

/** The deploy stage: the release's replicas start in the candidate colour, beside the live one, health-gated. */
final class Deploy implements Step {

    @Override
    public Stage stage() {
        return Stage.DEPLOY;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        run.started(run.production().orchestrator().start(run.deployment(), run.candidate(), run.changes(), log));
    }
}
