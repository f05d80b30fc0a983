package dev.gantry.server;

import dev.gantry.discovery.Discovery;
import dev.gantry.stage.RunListener;
import dev.gantry.stage.Stage;
import dev.gantry.store.StageState;
import dev.gantry.trigger.QueueObserver;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunKind;
import dev.gantry.trigger.RunQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Prometheus metrics at {@code /metrics} (docs/server.md), from the runs this server executes:
 * {@code gantry_runs_total}, {@code gantry_stage_duration_seconds}, {@code gantry_run_failures_total},
 * {@code gantry_rollbacks_total} and {@code gantry_queue_depth}; and from discovery, read at each scrape,
 * {@code gantry_replicas}: the routed (healthy) replicas of each service's colours, by release and state.
 */
final class RunMetrics implements QueueObserver {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge replicas = MultiGauge.builder("gantry.replicas")
            .description("Routed replicas of each colour of each service: those that run and answer their health check")
            .register(registry);
    private volatile Discovery discovery;

    /** The registry the server's other metrics join (the proxy's requests, docs/observability.md). */
    MeterRegistry registry() {
        return registry;
    }

    /** Reads the depth of {@code queue} at each scrape. */
    void watch(RunQueue queue) {
        Gauge.builder("gantry.queue.depth", queue, RunQueue::depth).description("Requests waiting in the run queue")
                .strongReference(true).register(registry);
    }

    /** Reads each service's colours from {@code discovery} at each scrape. */
    void watch(Discovery discovery) {
        this.discovery = discovery;
    }

    /** The Prometheus text exposition of every metric; discovery unreachable, the replicas as last read. */
    String scrape() {
        if (discovery != null) {
            try {
                replicas.register(replicaRows(discovery), true);
            } catch (RuntimeException e) {
                // the other metrics still answer; the next scrape reads discovery again
            }
        }
        return registry.scrape();
    }

    private static List<MultiGauge.Row<?>> replicaRows(Discovery discovery) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String service : discovery.services()) {
            discovery.colours(service).forEach((colour, record) -> rows.add(MultiGauge.Row.of(Tags.of(
                    "service", service, "colour", colour.word(),
                    "release", record.release().substring(0, Math.min(12, record.release().length())),
                    "state", record.state().word()), record.instances().size())));
        }
        return rows;
    }

    @Override
    public RunListener listenerFor(QueuedRun run) {
        return new RunListener() {
            @Override
            public void stageStarted(Stage stage) {
                if (stage == Stage.UNDO) {
                    Counter.builder("gantry.rollbacks").description("Releases put back: asked for, or undone by a failed run")
                            .tag("reason", "undo").register(registry).increment();
                }
            }

            @Override
            public void stageFinished(Stage stage, StageState state, Duration took, Path log) {
                Timer.builder("gantry.stage.duration").description("How long each stage took")
                        .tag("stage", stage.word()).tag("result", state.word()).publishPercentileHistogram()
                        .register(registry).record(took);
            }
        };
    }

    @Override
    public void ended(QueuedRun run) {
        String result = run.state() == QueuedRun.State.DONE ? (run.succeeded() ? "succeeded" : "failed")
                : run.state().word();
        RunKind kind = run.request().kind();
        Counter.builder("gantry.runs").description("Runs the server ended, by service, kind and result")
                .tag("service", run.request().service()).tag("kind", kind.word()).tag("result", result)
                .register(registry).increment();
        if (result.equals("failed")) {
            Counter.builder("gantry.run.failures").description("Failed runs, by the stage that failed")
                    .tag("stage", run.failedStage().orElse("none")).register(registry).increment();
        }
        if (kind == RunKind.ROLLBACK && run.succeeded()) {
            Counter.builder("gantry.rollbacks").description("Releases put back: asked for, or undone by a failed run")
                    .tag("reason", "requested").register(registry).increment();
        }
    }
}
