package dev.gantry.flow;

import dev.gantry.deploy.RegisterCandidate;
import dev.gantry.deploy.SwitchTraffic;
import dev.gantry.stage.Stage;
import dev.gantry.stage.StageLog;

/**
 * The register stage: the candidate's instances go into discovery, then the proxy checks the route to
 * them, so that a route it refuses fails the run here, before anything is routed.
 */
final class Register implements Step {

    @Override
    public Stage stage() {
        return Stage.REGISTER;
    }

    @Override
    public void run(FlowRun run, StageLog log) {
        var production = run.production();
        new RegisterCandidate(production.discovery()).run(run.deployment(), run.candidate(), run.instances(),
                run.changes(), log);
        run.prepared(new SwitchTraffic(production.discovery(), production.proxy())
                .prepare(run.service(), run.config().proxy(), run.candidate(), log));
    }
}
