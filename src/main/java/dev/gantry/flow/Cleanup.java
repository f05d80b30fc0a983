package dev.gantry.flow;

import dev.gantry.deploy.RetireColour;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;

/**
 * The cleanup stage, after the point of no return: the colour that was live before drains, stops and
 * is deregistered. {@link FlowRunner} runs it only when there was such a colour, and a failure of it
 * only warns.
 */
final class Cleanup implements Step {

    @Override
    public Stage stage() {
        return Stage.CLEANUP;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        new RetireColour(run.production()).run(run.deployment(), run.previous().orElseThrow(),
                run.config().deploy().drain(), run.changes(), log);
    }
}
