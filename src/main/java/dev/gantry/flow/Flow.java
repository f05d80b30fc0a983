package dev.gantry.flow;

import java.util.List;

/**
 * A flow as data: the steps before production is touched, then the deployment half, whose failure
 * runs {@code undo}, and {@code cleanup}, which runs after the point of no return when a colour was
 * live before. {@link Flows} has the flows of Gantry; {@link FlowRunner} runs one.
 */
public record Flow(List<Part> preDeployment, List<Step> deployment, Step undo, Step cleanup) {
}
