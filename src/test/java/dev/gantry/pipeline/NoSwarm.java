package dev.gantry.pipeline;

import dev.gantry.engine.LogRead;
import dev.gantry.engine.ServiceDefinition;
import dev.gantry.engine.ServiceState;
import dev.gantry.engine.Swarm;
import dev.gantry.engine.SwarmNode;
import dev.gantry.engine.SwarmTask;
import dev.gantry.engine.TimedLine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The Swarm of an engine that is in none: a single engine; asking it for services is a test's mistake. */
final class NoSwarm implements Swarm {
    static final NoSwarm INSTANCE = new NoSwarm();

    @Override
    public Role role() {
        return Role.NONE;
    }

    @Override
    public List<SwarmNode> nodes() {
        throw notASwarm();
    }

    @Override
    public String createService(ServiceDefinition definition) {
        throw notASwarm();
    }

    @Override
    public Optional<ServiceState> service(String idOrName) {
        throw notASwarm();
    }

    @Override
    public List<ServiceState> services(Map<String, String> labels) {
        throw notASwarm();
    }

    @Override
    public List<SwarmTask> tasks(String serviceId) {
        throw notASwarm();
    }

    @Override
    public void removeService(String idOrName) {
        throw notASwarm();
    }

    @Override
    public void scaleService(String id, int replicas) {
        throw notASwarm();
    }

    @Override
    public List<String> logs(String serviceId, int lines) {
        throw notASwarm();
    }

    @Override
    public boolean readTaskLogs(String taskId, LogRead read, Consumer<TimedLine> lines) {
        throw notASwarm();
    }

    private static IllegalStateException notASwarm() {
        return new IllegalStateException("this test engine is in no Swarm");
    }
}
