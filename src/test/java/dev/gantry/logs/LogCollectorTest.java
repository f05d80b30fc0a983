package dev.gantry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.gantry.deploy.ReplicaOutput;
import dev.gantry.discovery.Colour;
import dev.gantry.engine.EngineException;
import dev.gantry.engine.TimedLine;
import dev.gantry.secret.SecretMask;
import dev.gantry.store.InstallationId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector against replicas whose output is given, read as Docker reads it (since: whole seconds). */
class LogCollectorTest {
    private static final Instant T = Instant.parse("2026-12-04T15:00:00Z");
    private static final InstallationId INSTALLATION = new InstallationId("k3x9a2bq");
    private static final LogRetention RETENTION = new LogRetention(Duration.ofDays(7), 1L << 30);

    @TempDir
    Path dir;
    private final Replicas replicas = new Replicas();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private LogArchive archive;

    @AfterEach
    void close() {
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void everyReplicaIsKeptTaggedAndMaskedAndAnEndedOneIsReadOnce() {
        archive = LogArchive.open(dir.resolve("service-logs.db"));
        var reads = new AtomicInteger();
        replicas.add(replica("c1", "books-ms-blue-1", false, reads, line(1000, "one"), line(1000, "one again"),
                line(1500, "token=hunter22")));
        replicas.add(replica("c2", "books-ms-blue-2", false, reads, line(2000, "two")));

        collectUntilRead(collector(SecretMask.of(List.of("hunter22"))));

        assertThat(archive.search("books-ms", all())).extracting(ServiceLogLine::replica, ServiceLogLine::text)
                .containsExactly(tuple("books-ms-blue-1", "one"), tuple("books-ms-blue-1", "one again"),
                        tuple("books-ms-blue-1", "token=***"), tuple("books-ms-blue-2", "two"));
        assertThat(archive.cursor("c1")).contains(new LogCursor(T.plusMillis(1500), 1));
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRestartedCollectorResumesFromEachCursorLosingAndRepeatingNothing() {
        archive = LogArchive.open(dir.resolve("service-logs.db"));
        var reads = new AtomicInteger();
        replicas.add(replica("c1", "books-ms-blue-1", true, reads, line(1000, "a"), line(1500, "b"), line(1500, "c")));
        collectUntilRead(collector(SecretMask.NONE));
        archive.close();

        archive = LogArchive.open(dir.resolve("service-logs.db"));
        var later = new Replicas();
        later.add(replica("c1", "books-ms-blue-1", true, reads, line(1000, "a"), line(1500, "b"), line(1500, "c"),
                line(1500, "d, in the same millisecond, written after the restart"), line(3000, "e")));
        collectUntilRead(new LogCollector(later, INSTALLATION, () -> List.of("books-ms"), service -> SecretMask.NONE,
                archive, RETENTION, log::add, Clock.fixed(T, ZoneOffset.UTC)));

        assertThat(archive.search("books-ms", all())).extracting(ServiceLogLine::text)
                .containsExactly("a", "b", "c", "d, in the same millisecond, written after the restart", "e");
    }

    @Test
    void aReplicaWhoseOutputCannotBeReadIsOneWarning() {
        archive = LogArchive.open(dir.resolve("service-logs.db"));
        replicas.add(new ReplicaOutput("t2", "books-ms-blue-k3x9a2bq.2", Optional.of("node3"), Colour.BLUE, "aaaa1111",
                false, (read, lines) -> {
                    throw new EngineException("Reading the output of t2", "node node3 is down");
                }));
        LogCollector collector = collector(SecretMask.NONE);

        collectUntilRead(collector);
        collectUntilRead(collector);

        assertThat(log).containsExactly("warning: the output of books-ms-blue-k3x9a2bq.2 cannot be collected:"
                + " Reading the output of t2 failed: node node3 is down");
    }

    private LogCollector collector(SecretMask mask) {
        return new LogCollector(replicas, INSTALLATION, () -> List.of("books-ms"), service -> mask, archive,
                RETENTION, log::add, Clock.fixed(T, ZoneOffset.UTC));
    }

    private static void collectUntilRead(LogCollector collector) {
        collector.look();
        await().atMost(Duration.ofSeconds(10)).until(() -> !collector.following());
    }

    private static LogFilter all() {
        return new LogFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }

    private static TimedLine line(int millis, String text) {
        return new TimedLine(T.plusMillis(millis), text);
    }

    /** A replica whose output is {@code lines}; a read sends those of the seconds from its since on, as Docker does. */
    private static ReplicaOutput replica(String id, String name, boolean running, AtomicInteger reads, TimedLine... lines) {
        return new ReplicaOutput(id, name, Optional.empty(), Colour.BLUE, "aaaa1111", running, (read, sink) -> {
            reads.incrementAndGet();
            long since = read.since().map(Instant::getEpochSecond).orElse(0L);
            List.of(lines).stream().filter(line -> line.time().getEpochSecond() >= since).forEach(sink);
            return true;
        });
    }
}
