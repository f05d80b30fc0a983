package dev.gantry.flow;

import dev.gantry.deploy.SwitchTraffic;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;
import java.time.Instant;

/** The switch stage: the proxy applies the route the register stage prepared, and the live pointer moves. */
final class Switch implements Step {

    @Override
    public Stage stage() {
        return Stage.SWITCH;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        var production = run.production();
        new SwitchTraffic(production.discovery(), production.proxy())
                .run(run.service(), run.config().proxy(), run.candidate(), run.prepared(), run.changes(), log);
        run.switched(Instant.now());
    }
}
