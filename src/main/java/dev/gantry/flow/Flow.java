package dev.gantry.flow;

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
}
