package dev.gantry.deploy;

import dev.gantry.Wait;
import dev.gantry.config.HealthSpec;
import dev.gantry.discovery.Instance;
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

    private final ReplicaProbe probe;
    private final HealthCheck check;

    HealthGate(ReplicaProbe probe, HealthCheck check) {
        this.probe = probe;
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
                    probe.logs(late, LOG_LINES));
        }
    }

    private boolean healthy(Instance replica, HealthSpec health, LogSink log) {
        if (Thread.currentThread().isInterrupted()) {
            return false;  // the wait ends at its next look, naming what it waited for
        }
        var stopped = probe.stopped(replica);
        if (stopped.isPresent()) {
            throw new DeployFailedException(replica.container() + " stopped before it was healthy: it " + stopped.get(),
                    probe.logs(replica, LOG_LINES));
        }
        String url = "http://" + replica.host() + ":" + replica.port() + health.path();
        int status = status(url, health.interval());
        if (HealthCheck.passed(status)) {
            log.line(replica.container() + " is healthy (" + url + " answered " + status + ")");
            return true;
        }
        return false;
    }

    private int status(String url, Duration interval) {
        return check.status(url, interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval);
    }
}
