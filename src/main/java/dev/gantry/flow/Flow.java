package dev.gantry.flow;

import dev.gantry.stage.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * A flow as data: the steps before production is touched, then the deployment half, in the colour {@code colours}
 * says, whose failure runs {@code undo}, and {@code cleanup}, which runs after the point of no return when a colour
 * was live before. {@link Flows} has the flows of Gantry; {@link FlowRunner} runs one.
 */
public record Flow(List<Part> preDeployment, List<Step> deployment, Step undo, Step cleanup, Colours colours) {

    /** Where the deployment half works. */
    public enum Colours {
        /** Blue-green: beside the live colour, in the other one, which then goes live; the old one is cleaned up. */
        BESIDE_THE_LIVE,
        /** In the live colour itself (scaling); nothing is retired. */
        THE_LIVE
    }

    /**
     * The stages the flow may run, in its order: the boxes the web UI draws. The cleanup only where a colour is
     * retired; the undo is left out, as it runs only after a failure.
     */
    public List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        for (Part part : preDeployment) {
            switch (part) {
                case Step step -> stages.add(step.stage());
                case TestWhileBuilding both -> stages.addAll(List.of(both.test().stage(), both.build().stage()));
            }
        }
        deployment.forEach(step -> stages.add(step.stage()));
        if (colours == Colours.BESIDE_THE_LIVE) {
            stages.add(cleanup.stage());
        }
        return List.copyOf(stages);
    }
}
