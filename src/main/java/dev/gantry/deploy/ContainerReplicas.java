package dev.gantry.deploy;

import dev.gantry.discovery.Instance;
import dev.gantry.engine.Engine;
import java.util.List;
import java.util.Optional;

/** Replicas that are containers of one engine, by name: whether each still runs, and its output. */
record ContainerReplicas(Engine engine) implements ReplicaProbe {

    @Override
    public Optional<String> stopped(Instance replica) {
        var state = engine.inspect(replica.container());
        if (state.isEmpty()) {
            return Optional.of("disappeared");
        }
        return state.get().running() ? Optional.empty() : Optional.of(state.get().describe());
    }

    @Override
    public List<String> logs(Instance replica, int lines) {
        return engine.logs(replica.container(), lines);
    }
}
