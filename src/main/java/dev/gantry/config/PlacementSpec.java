package dev.gantry.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a Swarm places the replicas: {@code run/placement} in gantry.yml (docs/gantry-yml.md). Swarm
 * spreads a service's replicas over the nodes that may take them by itself; these narrow the choice.
 * On a single engine they do not apply.
 *
 * @param constraints Swarm constraints every node of a replica meets, e.g. {@code node.role==worker}
 * @param maxPerNode the most replicas of one colour on one node, 0 for no bound (default)
 */
public record PlacementSpec(List<String> constraints, int maxPerNode) {
    static final List<String> KEYS = List.of("constraints", "max-per-node");
    public static final PlacementSpec ANYWHERE = new PlacementSpec(List.of(), 0);
    private static final Pattern CONSTRAINT = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99} ?(==|!=) ?[A-Za-z0-9_.:/-]{1,100}");

    /** Makes the list unmodifiable. */
    public PlacementSpec {
        constraints = List.copyOf(constraints);
    }

    static PlacementSpec read(YamlMap placement) {
        return new PlacementSpec(
                placement.list("constraints", Rule.matching("a Swarm constraint like node.role==worker or node.labels.zone!=b",
                        CONSTRAINT)),
                placement.get("max-per-node", Rule.wholeNumber(0, 100), 0));
    }
}
