package dev.gantry.traffic;

import dev.gantry.discovery.Discovery;
import dev.gantry.proxy.ProxyRequest;
import dev.gantry.proxy.RequestFeed;
import dev.gantry.store.RequestFigures;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * gantry server's collector of request figures (docs/observability.md): every second it takes the requests
 * the proxy answered, finds from discovery which release and colour answered each, and counts them in
 * {@code gantry_requests_seconds} for Prometheus and, per {@link #PERIOD}, in the store for Gantry's own use
 * (rollback on regression, the forecast of load), where periods older than {@link #KEPT} are removed.
 * Requests to an address discovery does not know (the proxy's own 404, a replica already gone) are not
 * counted.
 */
public final class RequestCollector implements AutoCloseable {
    /** The length of a stored period. */
    public static final Duration PERIOD = Duration.ofSeconds(10);
    /** How long stored periods are kept. */
    public static final Duration KEPT = Duration.ofDays(14);
    private static final Duration TAKE_EVERY = Duration.ofSeconds(1);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final RequestFeed feed;
    private final ReleaseAddresses addresses;
    private final RequestMeters meters;
    private final RequestFigures figures;
    private final Consumer<String> warnings;
    private final Clock clock;
    private final Map<ReleaseKey, RequestTally> tallies = new HashMap<>();
    private Instant periodStart;
    private Instant pruned = Instant.MIN;
    private boolean storeFailing;
    private Thread thread;

    RequestCollector(RequestFeed feed, Discovery discovery, RequestFigures figures, MeterRegistry registry,
            Consumer<String> warnings, Clock clock) {
        this.feed = feed;
        this.addresses = new ReleaseAddresses(discovery, clock);
        this.meters = new RequestMeters(registry);
        this.figures = figures;
        this.warnings = warnings;
        this.clock = clock;
        this.periodStart = periodOf(clock.instant());
    }

    /** Starts collecting from {@code feed} on a thread of its own until {@link #close}; warnings go to {@code warnings}. */
    public static RequestCollector start(RequestFeed feed, Discovery discovery, RequestFigures figures,
            MeterRegistry registry, Consumer<String> warnings) {
        var collector = new RequestCollector(feed, discovery, figures, registry, warnings, Clock.systemUTC());
        feed.take();  // what nginx kept while no one took it: of no known time, so not counted in this period
        collector.thread = Thread.ofVirtual().name("request-collector").start(collector::run);
        return collector;
    }

    /** Takes what the proxy answered since the last step and, when a period has ended, stores it. */
    synchronized void step() {
        Instant now = clock.instant();
        for (ProxyRequest request : feed.take()) {
            addresses.at(request.server()).ifPresent(key -> {
                tallies.computeIfAbsent(key, k -> new RequestTally()).add(request);
                meters.record(key, request);
            });
        }
        if (!periodOf(now).equals(periodStart)) {
            store();
            periodStart = periodOf(now);
            meters.keepOnly(addresses.releases());
        }
        if (now.isAfter(pruned.plus(PRUNE_EVERY))) {
            pruned = now;
            guarded(() -> figures.removeBefore(now.minus(KEPT)));
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            store();
        }
        feed.close();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            step();
            try {
                Thread.sleep(TAKE_EVERY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void store() {
        tallies.forEach((key, tally) -> guarded(() -> figures.add(tally.period(key, periodStart, (int) PERIOD.toSeconds()))));
        tallies.clear();
    }

    /** Runs {@code write}; a store out of reach is told once, and again once it answers. */
    private void guarded(Runnable write) {
        try {
            write.run();
            if (storeFailing) {
                storeFailing = false;
                warnings.accept("request figures are stored again");
            }
        } catch (RuntimeException e) {
            if (!storeFailing) {
                storeFailing = true;
                warnings.accept("request figures cannot be stored, and are lost until the store answers: "
                        + e.getMessage());
            }
        }
    }

    /** The start of the stored period {@code when} falls in. */
    public static Instant periodOf(Instant when) {
        long period = PERIOD.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(when.toEpochMilli(), period) * period);
    }
}
