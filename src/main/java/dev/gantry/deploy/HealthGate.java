package dev.gantry.deploy;

import dev.gantry.Wait;
import dev.gantry.config.HealthSpec;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.Engine;
import dev.gantry.engine.LogSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until every replica answers its health check with a 2xx, within the deadline of
 * {@code run/health/timeout}; a redirect is not healthy (a service that sends /health to a login page
 * is not ready). A replica that exits fails the gate at once, with its output.
 */
final class HealthGate {
    static final int LOG_LINES = 20;

    private final Engine engine;
    private final HealthCheck check;

    HealthGate(Engine engine, HealthCheck check) {
        this.engine = engine;
        this.check = check;
    }

    void await(List<Instance> replicas, HealthSpec health, LogSink log) {
        List<Instance> waiting = new ArrayList<>(replicas);
        var seen = Wait.forThe("the health checks", health.interval(), health.timeout()).until(() -> {
            waiting.removeIf(replica -> healthy(replica, health, log));
            return waiting.size();
        }, left -> left == 0);
        if (!seen.met()) {
            Instance late = waiting.getFirst();
            throw new DeployFailedException(late.container() + " did not answer " + health.path() + " with 2xx"
                    + " within " + health.timeout().toSeconds() + "s (run/health/timeout in gantry.yml)",
                    engine.logs(late.container(), LOG_LINES));
        }
    }

    private boolean healthy(Instance replica, HealthSpec health, LogSink log) {
        if (Thread.currentThread().isInterrupted()) {
            return false;  // the wait ends at its next look, naming what it waited for
        }
        ContainerState state = engine.inspect(replica.container()).orElseThrow(() -> new DeployFailedException(
                replica.container() + " disappeared while its health was checked", List.of()));
        if (!state.running()) {
            throw new DeployFailedException(replica.container() + " stopped before it was healthy: it "
                    + state.describe(), engine.logs(replica.container(), LOG_LINES));
        }
        String url = "http://" + replica.host() + ":" + replica.port() + health.path();
        int status = status(url, health.interval());
        if (status >= 200 && status < 300) {
            log.line(replica.container() + " is healthy (" + url + " answered " + status + ")");
            return true;
        }
        return false;
    }

    private int status(String url, Duration interval) {
        return check.status(url, interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval);
    }
}
