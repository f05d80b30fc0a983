package dev.gantry.logs;

import dev.gantry.Reason;
import dev.gantry.deploy.Orchestrator;
import dev.gantry.deploy.ReplicaOutput;
import dev.gantry.engine.EngineException;
import dev.gantry.engine.LogRead;
import dev.gantry.engine.TimedLine;
import dev.gantry.secret.SecretMask;
import dev.gantry.store.InstallationId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The output of a service's replicas, read from the engines where they run (docs/logs.md): on a single engine each
 * app container's, on a Swarm each task's, through the manager; with the {@link LogArchive} that {@code gantry server}
 * collects into, what it kept (of replicas that are gone too) and from the engines only what came after. Every line is masked with the service's secrets and
 * tagged with its replica, node, colour and release. What a reading holds is bounded by {@link LogFilter#lines()} per
 * replica; each replica's output is bounded by Docker's log size ({@code output/container-log-max}).
 */
public final class ServiceLogs {
    /** How often a follow looks for replicas that started since (a new release, a replacement). */
    static final Duration LOOK_FOR_NEW = Duration.ofSeconds(1);

    private final Orchestrator orchestrator;
    private final InstallationId installation;
    private final String service;
    private final SecretMask mask;
    private final Consumer<String> warnings;
    private final Optional<LogArchive> archive;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * Reads {@code service}'s replicas, and the lines of {@code archive} if there is one; a replica whose output cannot
     * be read is told to {@code warnings} once, masked.
     */
    public ServiceLogs(Orchestrator orchestrator, InstallationId installation, String service, SecretMask mask,
            Consumer<String> warnings, Optional<LogArchive> archive) {
        this.orchestrator = orchestrator;
        this.installation = installation;
        this.service = service;
        this.mask = mask;
        this.warnings = warnings;
        this.archive = archive;
    }

    /** Whether any replica of the service, running or ended, still has output on the engines, or the archive kept some. */
    public boolean any() {
        return !orchestrator.outputs(installation, service).isEmpty() || archive.map(kept -> !kept.search(service,
                new LogFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1)).isEmpty())
                .orElse(false);
    }

    /** The last {@code filter.lines()} lines that {@code filter} accepts, of every replica, oldest first. */
    public List<ServiceLogLine> recent(LogFilter filter) {
        return read(outputs(filter), filter).lines();
    }

    /**
     * The recent lines as {@link #recent} reads them, then each new line as it comes, until the calling thread is
     * interrupted. Each replica is followed after the last line read of it, again when it runs again after an end
     * (a restart keeps the container); replicas that start meanwhile (a new release, a replacement) from their first
     * line.
     */
    public void follow(LogFilter filter, Consumer<ServiceLogLine> out) {
        Consumer<ServiceLogLine> shown = line -> {
            synchronized (out) {
                out.accept(line);
            }
        };
        List<ReplicaOutput> outputs = outputs(filter);
        Reading recent = read(outputs, filter);
        recent.lines().forEach(shown);
        Map<String, Instant> newestRead = new ConcurrentHashMap<>(recent.newestRead());
        Set<String> seen = new HashSet<>();
        Set<String> reading = ConcurrentHashMap.newKeySet();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            while (!Thread.currentThread().isInterrupted()) {
                for (ReplicaOutput output : outputs) {
                    if ((seen.add(output.id()) || output.running()) && reading.add(output.id())) {
                        threads.submit(() -> followOne(output, filter, newestRead, shown, reading));
                    }
                }
                try {
                    Thread.sleep(LOOK_FOR_NEW);
                } catch (InterruptedException e) {
                    threads.shutdownNow();
                    Thread.currentThread().interrupt();
                }
                outputs = outputs(filter);
            }
        }
    }

    /** Follows one replica's output after the newest line read of it, until it ends. */
    private void followOne(ReplicaOutput output, LogFilter filter, Map<String, Instant> newestRead,
            Consumer<ServiceLogLine> shown, Set<String> reading) {
        try {
            Optional<Instant> after = Optional.ofNullable(newestRead.get(output.id()));
            readOrWarn(output, LogRead.following(after.or(filter::since)), line -> {
                if (after.isPresent() && !line.time().isAfter(after.get())) {
                    return;
                }
                newestRead.merge(output.id(), line.time(), (a, b) -> a.isAfter(b) ? a : b);
                tagged(output, line, filter).ifPresent(shown);
            });
        } finally {
            reading.remove(output.id());
        }
    }

    /** The lines a reading kept, oldest first, and the time of the newest line it read of each replica. */
    private record Reading(List<ServiceLogLine> lines, Map<String, Instant> newestRead) {
    }

    /**
     * The lines kept in the archive, and of each replica those after its cursor there (all of one without a cursor),
     * the archive's and the cursors as one {@link LogArchive.Snapshot}, so that no line is shown twice or missed.
     */
    private Reading read(List<ReplicaOutput> outputs, LogFilter filter) {
        Map<String, Instant> newest = new ConcurrentHashMap<>();
        List<ServiceLogLine> all = new ArrayList<>();
        Optional<LogArchive.Snapshot> snapshot = archive.map(LogArchive::snapshot);
        Map<String, LogCursor> cursors = snapshot.map(LogArchive.Snapshot::cursors).orElse(Map.of());
        snapshot.ifPresent(kept -> all.addAll(archive.get().search(service, filter, kept)));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Deque<ServiceLogLine>>> reads = new ArrayList<>();
            for (ReplicaOutput output : outputs) {
                Optional<LogCursor> cursor = Optional.ofNullable(cursors.get(output.id()));
                cursor.ifPresent(kept -> newest.put(output.id(), kept.time()));
                reads.add(threads.submit(() -> lastLines(output, filter, cursor, newest)));
            }
            for (Future<Deque<ServiceLogLine>> read : reads) {
                all.addAll(read.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("reading a replica's output failed: " + Reason.of(e.getCause()), e.getCause());
        }
        all.sort(Comparator.comparing(ServiceLogLine::time));
        return new Reading(List.copyOf(all.subList(Math.max(0, all.size() - filter.lines()), all.size())), Map.copyOf(newest));
    }

    /**
     * The last lines of one replica that {@code filter} accepts, at most {@code filter.lines()}: Docker sends only that
     * many unless they are searched ({@code --grep} reads all of it). Of a replica whose output the engine cannot give
     * (its node is gone), or not within {@link LogRead#NOW_DEADLINE}, those read, and a warning.
     */
    private Deque<ServiceLogLine> lastLines(ReplicaOutput output, LogFilter filter, Optional<LogCursor> cursor,
                                            Map<String, Instant> newest) {
        Deque<ServiceLogLine> last = new ArrayDeque<>();
        Optional<Integer> tail = filter.grep().isEmpty() ? Optional.of(filter.lines()) : Optional.empty();
        Optional<LogCursor.Unkept> unkept = cursor.map(LogCursor::unkept);
        Optional<Instant> since = cursor.map(LogCursor::time).map(kept -> filter.since().filter(kept::isBefore)
                .orElse(kept)).or(filter::since);
        readOrWarn(output, LogRead.now(since, tail), line -> {
            if (unkept.isPresent() && !unkept.get().test(line)) {
                return;
            }
            newest.merge(output.id(), line.time(), (a, b) -> a.isAfter(b) ? a : b);
            tagged(output, line, filter).ifPresent(tagged -> {
                synchronized (last) {
                    if (last.size() == filter.lines()) {
                        last.removeFirst();
                    }
                    last.addLast(tagged);
                }
            });
        });
        synchronized (last) {
            return new ArrayDeque<>(last);
        }
    }

    private void readOrWarn(ReplicaOutput output, LogRead read, Consumer<TimedLine> lines) {
        String replica = output.replica() + output.node().map(node -> " on " + node).orElse("");
        try {
            if (!output.reader().read(read, lines) && !read.follow() && !Thread.currentThread().isInterrupted()
                    && warned.add(output.id())) {
                warnings.accept("the output of " + replica + " was not all read within " + LogRead.NOW_DEADLINE.toSeconds()
                        + " s: its newest lines may be missing here; narrow the search with --since");
            }
        } catch (EngineException e) {
            if (warned.add(output.id())) {
                warnings.accept("the output of " + replica + " cannot be read: " + mask.apply(e.getMessage()));
            }
        }
    }

    /** The line masked and tagged, if {@code filter} wants it as shown. */
    private Optional<ServiceLogLine> tagged(ReplicaOutput output, TimedLine line, LogFilter filter) {
        String shown = mask.apply(line.text());
        return filter.accepts(line.time(), shown) ? Optional.of(ServiceLogLine.of(output, line, shown)) : Optional.empty();
    }

    private List<ReplicaOutput> outputs(LogFilter filter) {
        return orchestrator.outputs(installation, service).stream().filter(filter::accepts).toList();
    }
}
