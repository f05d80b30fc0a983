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
        return steps().stream().flatMap(List::stream).toList();
    }

    /**
     * The stages the flow may run, in its order, as the steps that run one after another; the stages of one step run
     * side by side (the tests while the production image builds). As {@link #stages()}, without the undo.
     */
    public List<List<Stage>> steps() {
        List<List<Stage>> steps = new ArrayList<>();
        for (Part part : preDeployment) {
            switch (part) {
                case Step step -> steps.add(List.of(step.stage()));
                case TestWhileBuilding both -> steps.add(List.of(both.test().stage(), both.build().stage()));
            }
        }
        deployment.forEach(step -> steps.add(List.of(step.stage())));
        if (colours == Colours.BESIDE_THE_LIVE) {
            steps.add(List.of(cleanup.stage()));
        }
        return List.copyOf(steps);
    }
}
