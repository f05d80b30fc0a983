package dev.gantry.deploy;

import dev.gantry.config.HealthSpec;
import dev.gantry.discovery.Instance;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.Engine;
import dev.gantry.engine.LogSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until every replica answers its health check with a 2xx or 3xx, within the deadline of
 * {@code run/health/timeout}. A replica that exits fails the gate at once, with its output.
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
        long deadline = System.nanoTime() + health.timeout().toNanos();
        List<Instance> waiting = new ArrayList<>(replicas);
        while (true) {
            waiting.removeIf(replica -> healthy(replica, health, log));
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                Instance late = waiting.getFirst();
                throw new DeployFailedException(late.container() + " did not answer " + health.path() + " with 2xx"
                        + " within " + health.timeout().toSeconds() + "s (run/health/timeout in gantry.yml)",
                        engine.logs(late.container(), LOG_LINES));
            }
            pause(health.interval());
        }
    }

    private boolean healthy(Instance replica, HealthSpec health, LogSink log) {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted();
        }
        ContainerState state = engine.inspect(replica.container()).orElseThrow(() -> new DeployFailedException(
                replica.container() + " disappeared while its health was checked", List.of()));
        if (!state.running()) {
            throw new DeployFailedException(replica.container() + " stopped before it was healthy: it "
                    + state.describe(), engine.logs(replica.container(), LOG_LINES));
        }
        String url = "http://" + replica.host() + ":" + replica.port() + health.path();
        int status = status(url, health.interval());
        if (status >= 200 && status < 400) {
            log.line(replica.container() + " is healthy (" + url + " answered " + status + ")");
            return true;
        }
        return false;
    }

    private int status(String url, Duration interval) {
        return check.status(url, interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval);
    }

    private static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
    }

    /** The stage was stopped (its deadline passed): the gate ends at once, failed. */
    private static DeployFailedException interrupted() {
        return new DeployFailedException("interrupted while waiting for the health checks", List.of());
    }
}
