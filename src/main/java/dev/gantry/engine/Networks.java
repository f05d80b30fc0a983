package dev.gantry.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import java.util.List;
import java.util.Map;

/** The networks Gantry makes for its test containers: internal bridges, created, listed by label and removed. */
final class Networks {
    private final DockerClient docker;
    private final DockerCalls calls;

    Networks(DockerClient docker, DockerCalls calls) {
        this.docker = docker;
        this.calls = calls;
    }

    /** An internal bridge network (Docker routes nothing from it to other networks or out of the host). */
    NetworkState createInternal(String name, Map<String, String> labels) {
        String id = calls.call("Creating network " + name, () -> docker.createNetworkCmd().withName(name)
                .withDriver("bridge").withInternal(true).withCheckDuplicate(true).withLabels(labels).exec()).getId();
        return state(calls.call("Inspecting network " + name, () -> docker.inspectNetworkCmd().withNetworkId(id).exec()));
    }

    List<NetworkState> list(Map<String, String> labels) {
        List<String> filter = labels.entrySet().stream().map(label -> label.getKey() + "=" + label.getValue()).toList();
        return calls.call("Listing networks labelled " + labels,
                () -> docker.listNetworksCmd().withFilter("label", filter).exec()).stream().map(Networks::state).toList();
    }

    /** Removes a network, also on an interrupted thread (a stage past its deadline still cleans up); an absent one is fine. */
    void remove(String id) {
        try {
            calls.cleanup("Removing network " + id, () -> docker.removeNetworkCmd(id).exec());
        } catch (EngineException e) {
            if (!e.dockerMessage().contains("not found") && !e.dockerMessage().startsWith("Status 404")) {
                throw e;
            }
        }
    }

    private static NetworkState state(Network network) {
        var config = network.getIpam() == null || network.getIpam().getConfig() == null
                || network.getIpam().getConfig().isEmpty() ? null : network.getIpam().getConfig().getFirst();
        return new NetworkState(network.getId(), network.getName(),
                network.getLabels() == null ? Map.of() : network.getLabels(),
                config == null ? "" : config.getSubnet(), config == null ? "" : config.getGateway());
    }
}
