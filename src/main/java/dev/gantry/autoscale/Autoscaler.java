package dev.gantry.autoscale;

import dev.gantry.GantryException;
import dev.gantry.config.ScaleSpec;
import dev.gantry.discovery.Discovery;
import dev.gantry.pipeline.LiveRelease;
import dev.gantry.stage.RunListener;
import dev.gantry.store.KnownService;
import dev.gantry.store.RequestFigures;
import dev.gantry.store.Store;
import dev.gantry.traffic.RequestCollector;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * gantry server's autoscaler (docs/scaling.md#scaling-on-load): {@link #AFTER} each period of request figures has
 * been stored, every service the server knows whose live release's gantry.yml has {@code run/scale/per-replica} is
 * given the replicas {@link ScalePolicy} decides, as a scale run queued with the trigger {@code autoscaler (why)}
 * (history, audit, notifications). A service with a request queued, or a run holding its lock (a deploy and its
 * analysis window, wherever it runs), is left until that ends.
 */
public final class Autoscaler {
    /** How long after a period ends the decision is made: the collector has stored it within a second. */
    static final Duration AFTER = Duration.ofSeconds(2);
    static final String SOURCE = "autoscaler";

    private final Store store;
    private final Discovery discovery;
    private final RunQueue queue;
    private final PrintStream log;
    private final Clock clock;
    private final ScalePolicy policy = new ScalePolicy();

    Autoscaler(Store store, Discovery discovery, RunQueue queue, PrintStream log, Clock clock) {
        this.store = store;
        this.discovery = discovery;
        this.queue = queue;
        this.log = log;
        this.clock = clock;
    }

    /** Decides for every service after each period, on a thread of its own, until the returned thread is interrupted. */
    public static Thread start(Store store, Discovery discovery, RunQueue queue, PrintStream log) {
        var autoscaler = new Autoscaler(store, discovery, queue, log, Clock.systemUTC());
        return Thread.ofVirtual().name("autoscaler").start(autoscaler::run);
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            Instant now = clock.instant();
            Instant next = RequestCollector.periodOf(now).plus(RequestCollector.PERIOD).plus(AFTER);
            try {
                Thread.sleep(Duration.between(now, next));
            } catch (InterruptedException e) {
                return;
            }
            decideAll();
        }
    }

    /** One round: a decision for each service that scales on load. */
    void decideAll() {
        try {
            store.services().all().stream().map(KnownService::name).forEach(this::decide);
        } catch (GantryException e) {
            log.println("warning: autoscaler: " + e.getMessage());
        }
    }

    private void decide(String service) {
        if (queue.active().stream().anyMatch(run -> run.request().service().equals(service))
                || store.leases().find(service).filter(lease -> lease.expiresAt().isAfter(clock.instant())).isPresent()) {
            return;  // a run of it is queued or going on (here, or a gantry run elsewhere): decide after it
        }
        LiveRelease live;
        try {
            live = LiveRelease.of(store, discovery, service);
        } catch (GantryException e) {
            return;  // nothing live: nothing to scale
        }
        ScaleSpec spec = live.config().run().scale();
        if (spec.perReplica().isEmpty()) {
            return;
        }
        Duration period = RequestCollector.PERIOD;
        int seasonLength = spec.season().map(season -> (int) (season.toMillis() / period.toMillis())).orElse(0);
        int count = Math.max(1, ScalePolicy.SEASONS * seasonLength);
        Instant end = RequestCollector.periodOf(clock.instant());
        RequestFigures figures = store.requestFigures();
        double[] rates = LoadSeries.of(figures.of(service, end.minus(period.multipliedBy(count)), end), end, period, count);
        int current = live.record().instances().size();
        Optional<ScalePolicy.Decision> decision = policy.decide(service, current, spec, rates, seasonLength);
        decision.ifPresent(wanted -> {
            QueuedRun queued = queue.submit(RunRequest.scale(service, wanted.replicas(), SOURCE + " (" + wanted.why() + ")",
                    RunListener.SILENT));
            log.println("autoscaler: " + service + " from " + current + " to " + wanted.replicas() + " replica(s), queued q"
                    + queued.id() + ": " + wanted.why());
        });
    }
}
