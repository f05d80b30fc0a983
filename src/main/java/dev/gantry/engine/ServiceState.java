package dev.gantry.engine;

import java.util.Map;

/** What a Swarm manager says about one service: the replicas it wants and the labels it carries. */
public record ServiceState(String id, String name, String image, Map<String, String> labels, int replicas) {
    public ServiceState {
        labels = Map.copyOf(labels);
    }
}
