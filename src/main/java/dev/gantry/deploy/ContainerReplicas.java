package dev.gantry.deploy;

import dev.gantry.discovery.Instance;
import dev.gantry.engine.Engine;
import java.util.List;
import java.util.Optional;

/**
 * Replicas that are containers of one engine, by name: whether each still runs, and its output. A replica the
 * engine has restarted (its restart policy, after a crash) counts as stopped: it ended once already.
 */
record ContainerReplicas(Engine engine) implements ReplicaProbe {

    @Override
    public Optional<String> stopped(Instance replica) {
        var state = engine.inspect(replica.container());
        if (state.isEmpty()) {
            return Optional.of("disappeared");
        }
        var container = state.get();
        if (container.running() && container.restartCount() == 0 && !container.status().equals("restarting")) {
            return Optional.empty();
        }
        return Optional.of(container.running() ? "exited (exit code " + container.exitCode() + ") and was restarted by the engine "
                + container.restartCount() + " time(s)" : container.describe());
    }

    @Override
    public List<String> logs(Instance replica, int lines) {
        return engine.logs(replica.container(), lines);
    }
}
