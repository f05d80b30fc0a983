package dev.gantry.logs;

import dev.gantry.GantryException;
import dev.gantry.deploy.Orchestrator;
import dev.gantry.deploy.ReplicaOutput;
import dev.gantry.engine.EngineException;
import dev.gantry.engine.LogRead;
import dev.gantry.engine.LogSink;
import dev.gantry.engine.TimedLine;
import dev.gantry.secret.SecretMask;
import dev.gantry.store.InstallationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Gathers the output of every live service's replicas into the {@link LogArchive} while {@code gantry server} runs
 * (docs/logs.md, "Collected logs"): each container or Swarm task is followed from its {@link LogCursor}, its lines
 * masked and tagged as {@code gantry logs} shows them, and written with the cursor in batches (at most
 * {@link #BATCH} lines, else what came within a {@link #LOOK}), so that after a restart of Gantry or of a node the
 * collection resumes where it left off, losing and repeating nothing. A replica that ended is read to its end once;
 * one that runs again is followed again. Retention is kept every {@link #PRUNE_EVERY}.
 */
public final class LogCollector implements AutoCloseable {
    /** How often the collector looks for new replicas and writes what came. */
    static final Duration LOOK = Duration.ofSeconds(1);
    /** The most lines of one replica written at once. */
    static final int BATCH = 1_000;
    /** How often the archive is pruned to its retention. */
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    /** The most replicas followed at once (each holds a connection of the collector's own 50); more wait their turn. */
    static final int MOST_FOLLOWED = 40;

    private final Orchestrator orchestrator;
    private final InstallationId installation;
    private final Supplier<Collection<String>> services;
    private final Function<String, SecretMask> masks;
    private final LogArchive archive;
    private final LogRetention retention;
    private final LogSink log;
    private final Clock clock;
    private final Map<String, Follower> following = new ConcurrentHashMap<>();
    private final Set<String> readToTheEnd = ConcurrentHashMap.newKeySet();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private Instant pruned = Instant.EPOCH;
    private Thread loop;

    LogCollector(Orchestrator orchestrator, InstallationId installation, Supplier<Collection<String>> services,
                 Function<String, SecretMask> masks, LogArchive archive, LogRetention retention, LogSink log, Clock clock) {
        this.orchestrator = orchestrator;
        this.installation = installation;
        this.services = services;
        this.masks = masks;
        this.archive = archive;
        this.retention = retention;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Starts collecting the output of the replicas of {@code services} (asked again at each look) into {@code archive},
     * each service's lines masked with its {@code masks}; what goes wrong is told to {@code log}, once per replica.
     */
    public static LogCollector start(Orchestrator orchestrator, InstallationId installation,
                                     Supplier<Collection<String>> services, Function<String, SecretMask> masks,
                                     LogArchive archive, LogRetention retention, LogSink log) {
        var collector = new LogCollector(orchestrator, installation, services, masks, archive, retention, log,
                Clock.systemUTC());
        collector.loop = Thread.ofVirtual().name("gantry-log-collector").start(collector::run);
        return collector;
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                look();
            } catch (GantryException e) {
                log.line("warning: collecting logs: " + e.getMessage() + "; trying again in " + LOOK.toSeconds() + " s");
            }
            try {
                Thread.sleep(LOOK);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        following.values().forEach(Follower::stop);
        following.values().forEach(Follower::write);
    }

    /** One look: follows the replicas not followed yet, writes what came, and prunes when it is time. */
    void look() {
        for (String service : services.get()) {
            for (ReplicaOutput output : orchestrator.outputs(installation, service)) {
                if (!following.containsKey(output.id()) && (output.running() || !readToTheEnd.contains(output.id()))) {
                    if (following.size() >= MOST_FOLLOWED) {
                        if (warned.add("most followed")) {
                            log.line("warning: collecting logs: " + MOST_FOLLOWED + " replicas are followed already;"
                                    + " the others wait until one ends");
                        }
                        continue;
                    }
                    follow(service, output);
                }
            }
        }
        following.values().forEach(Follower::write);
        Instant now = clock.instant();
        if (!now.isBefore(pruned.plus(PRUNE_EVERY))) {
            long removed = archive.prune(retention, now);
            if (removed > 0) {
                log.line("collected logs: removed " + removed + " lines past their retention");
            }
            pruned = now;
        }
    }

    private void follow(String service, ReplicaOutput output) {
        var follower = new Follower(service, output, archive.cursor(output.id()), masks.apply(service));
        following.put(output.id(), follower);
        follower.thread = Thread.ofVirtual().name("gantry-log-" + output.replica()).start(() -> {
            try {
                follower.read();
                follower.write();
            } catch (LogArchiveException e) {
                if (warned.add(e.getMessage())) {  // once: the next look tries again from the cursor
                    log.line("warning: collecting logs: " + e.getMessage());
                }
            } finally {
                following.remove(output.id());
                if (!output.running()) {
                    readToTheEnd.add(output.id());
                }
            }
        });
    }

    /** Whether any replica is being followed now (for tests that wait for the reads to end). */
    boolean following() {
        return !following.isEmpty();
    }

    /** Stops following and writes what came. */
    @Override
    public void close() {
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One replica's output from its cursor on: lines at or before the cursor were kept already and are skipped. */
    private final class Follower {
        private final String service;
        private final ReplicaOutput output;
        private final Optional<LogCursor> from;
        private final Optional<LogCursor.Unkept> unkept;
        private final SecretMask mask;
        private final List<ServiceLogLine> batch = new ArrayList<>();
        private volatile Thread thread;

        Follower(String service, ReplicaOutput output, Optional<LogCursor> from, SecretMask mask) {
            this.service = service;
            this.output = output;
            this.from = from;
            this.unkept = from.map(LogCursor::unkept);
            this.mask = mask;
        }

        void read() {
            try {
                output.reader().read(LogRead.following(from.map(LogCursor::time)), this::take);
            } catch (EngineException e) {
                if (warned.add(output.id())) {
                    log.line("warning: the output of " + output.replica() + " cannot be collected: "
                            + mask.apply(e.getMessage()));
                }
            }
        }

        private synchronized void take(TimedLine line) {
            if (unkept.isPresent() && !unkept.get().test(line)) {
                return;
            }
            batch.add(ServiceLogLine.of(output, line, mask.apply(line.text())));
            if (batch.size() >= BATCH) {
                write();
            }
        }

        synchronized void write() {
            if (!batch.isEmpty()) {
                archive.append(output.id(), service, List.copyOf(batch));
                batch.clear();
            }
        }

        void stop() {
            Thread reading = thread;
            if (reading != null) {
                reading.interrupt();
            }
        }
    }
}
