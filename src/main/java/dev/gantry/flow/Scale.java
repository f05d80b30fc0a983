package dev.gantry.flow;

import dev.gantry.deploy.ScaleReplicas;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;

/**
 * The scale flow's one step, as its deploy stage (its deadline is {@code deadlines/deploy}): the live colour's
 * replicas are brought to the number asked, in place ({@link ScaleReplicas}).
 */
final class Scale implements Step {

    @Override
    public Stage stage() {
        return Stage.DEPLOY;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        new ScaleReplicas(run.production()).run(run.deployment(), run.candidate(), run.changes(), log);
    }
}
