package dev.gantry.flow;

import dev.gantry.GantryException;
import dev.gantry.deploy.Effect;
import dev.gantry.discovery.Colour;
import dev.gantry.stage.RunListener;
import dev.gantry.stage.StageFailedException;
import dev.gantry.stage.StageRunner;
import java.util.List;

/**
 * Runs a {@link Flow}, each step as its stage through the {@link StageRunner}: the steps before
 * production in order; the deployment half, undone on any failure; then the point of no return is
 * journaled and the old colour is cleaned up.
 */
public final class FlowRunner {
    private final StageRunner stages;
    private final RunListener listener;

    /** A runner whose steps run through {@code stages} and whose warnings {@code listener} hears. */
    public FlowRunner(StageRunner stages, RunListener listener) {
        this.stages = stages;
        this.listener = listener;
    }

    /** Runs {@code flow} for {@code run}; answers the colour now live, or throws what failed. */
    public Colour run(Flow flow, FlowRun run) {
        flow.preDeployment().forEach(part -> run(part, run));
        run.chooseColours(flow.colours());
        try {
            flow.deployment().forEach(step -> step(step, run));
        } catch (RuntimeException failure) {
            undo(stages, flow.undo(), run, failure);
            throw failure;
        }
        run.changes().keep(new Effect.ReleaseKept(run.service(), run.candidate(), run.previous().orElse(null)));
        run.previous().ifPresent(old -> cleanup(flow.cleanup(), run, old));
        return run.candidate();
    }

    private void run(Part part, FlowRun run) {
        switch (part) {
            case Step step -> step(step, run);
            case TestWhileBuilding both -> both.run(run, step -> step(step, run));
        }
    }

    private void step(Step step, FlowRun run) {
        if (!step.appliesTo(run)) {
            return;
        }
        stages.run(run.runId(), step.stage(), log -> step.run(run, log));
    }

    /** Runs {@code undo} after {@code failure}; an undo that fails or passes its deadline leaves production to a person (exit 3). */
    static void undo(StageRunner stages, Step undo, FlowRun run, RuntimeException failure) {
        run.failed(failure);
        try {
            stages.run(run.runId(), undo.stage(), log -> undo.run(run, log));
        } catch (StageFailedException late) {
            throw new UndoFailedException(run.service(), failure, List.of("the undo stage " + late.reason()));
        }
    }

    /** The point of no return is behind: a failed cleanup is reported but does not fail the run. */
    private void cleanup(Step cleanup, FlowRun run, Colour old) {
        try {
            step(cleanup, run);
        } catch (GantryException e) {
            listener.warning("the new release is live, but retiring the old " + old.word() + " colour failed: "
                    + e.getMessage() + ". Stop its containers by hand (docker ps --filter label=gantry.colour="
                    + old.word() + ").");
        }
    }
}
