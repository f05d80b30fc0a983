package dev.gantry.flow;

import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;

/** The build stage: the production image, as {@code build:} in gantry.yml says, on the CD engine. */
final class Build implements Step {

    @Override
    public Stage stage() {
        return Stage.BUILD;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        new BuildImage(run.cdEngine()).app(run, log);
    }
}
