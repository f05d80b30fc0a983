package dev.gantry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.deploy.ReplicaOutput;
import dev.gantry.discovery.Colour;
import dev.gantry.engine.EngineException;
import dev.gantry.engine.LogRead;
import dev.gantry.engine.TimedLine;
import dev.gantry.secret.SecretMask;
import dev.gantry.store.InstallationId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLogsTest {
    private static final Instant T = Instant.parse("2026-12-04T15:00:00Z");
    private static final InstallationId INSTALLATION = new InstallationId("k3x9a2bq");

    private final Replicas replicas = new Replicas();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Test
    void recentMergesTheReplicasByTimeAndKeepsTheLastLinesTagged() {
        replicas.add(replica("c1", "books-ms-blue-1", Colour.BLUE, "1a2b3c4d5e6f7a8b", line(1, "one"), line(3, "three")));
        replicas.add(replica("c2", "books-ms-blue-2", Colour.BLUE, "1a2b3c4d5e6f7a8b", line(2, "two"), line(4, "four")));

        List<ServiceLogLine> lines = logs(SecretMask.NONE).recent(filter(3));

        assertThat(lines).extracting(ServiceLogLine::text).containsExactly("two", "three", "four");
        assertThat(lines.getFirst().format())
                .isEqualTo("2026-12-04T15:00:02Z books-ms-blue-2 blue 1a2b3c4d5e6f | two");
    }

    @Test
    void withAnArchiveItsLinesComeFirstAndTheEnginesGiveOnlyWhatCameAfterEachCursor(@TempDir Path dir) {
        try (LogArchive archive = LogArchive.open(dir.resolve("service-logs.db"))) {
            ReplicaOutput live = replica("c1", "books-ms-blue-1", Colour.BLUE, "bbbb2222", line(3, "kept"),
                    line(4, "kept too"), line(5, "new"));
            archive.append("c0", "books-ms", List.of(ServiceLogLine.of(replica("c0", "books-ms-green-1", Colour.GREEN,
                    "aaaa1111"), line(1, "of a replica that is gone"), "of a replica that is gone")));
            archive.append("c1", "books-ms", List.of(ServiceLogLine.of(live, line(3, "kept"), "kept"),
                    ServiceLogLine.of(live, line(4, "kept too"), "kept too")));
            replicas.add(live);
            var logs = new ServiceLogs(replicas, INSTALLATION, "books-ms", SecretMask.NONE, warnings::add,
                    Optional.of(archive));

            assertThat(logs.recent(filter(10))).extracting(ServiceLogLine::replica, ServiceLogLine::text).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("books-ms-green-1", "of a replica that is gone"),
                    org.assertj.core.groups.Tuple.tuple("books-ms-blue-1", "kept"),
                    org.assertj.core.groups.Tuple.tuple("books-ms-blue-1", "kept too"),
                    org.assertj.core.groups.Tuple.tuple("books-ms-blue-1", "new"));
            assertThat(logs.recent(grep("kept"))).extracting(ServiceLogLine::text).containsExactly("kept", "kept too");
            assertThat(logs.recent(filter(2))).extracting(ServiceLogLine::text).containsExactly("kept too", "new");
        }
    }

    @Test
    void colourReleaseAndSinceChooseWhatIsShown() {
        replicas.add(replica("c1", "books-ms-blue-1", Colour.BLUE, "aaaa1111", line(1, "blue old"), line(5, "blue new")));
        replicas.add(replica("c2", "books-ms-green-1", Colour.GREEN, "bbbb2222", line(2, "green")));

        assertThat(logs(SecretMask.NONE).recent(new LogFilter(Optional.empty(), Optional.of(Colour.GREEN), Optional.empty(),
                Optional.empty(), 100))).extracting(ServiceLogLine::text).containsExactly("green");
        assertThat(logs(SecretMask.NONE).recent(new LogFilter(Optional.empty(), Optional.empty(), Optional.of("aaaa"),
                Optional.empty(), 100))).extracting(ServiceLogLine::text).containsExactly("blue old", "blue new");
        assertThat(logs(SecretMask.NONE).recent(new LogFilter(Optional.of(T.plusSeconds(2)), Optional.empty(),
                Optional.empty(), Optional.empty(), 100))).extracting(ServiceLogLine::text).containsExactly("green", "blue new");
    }

    @Test
    void secretsAreMaskedAndASearchSeesOnlyTheMaskedText() {
        replicas.add(replica("c1", "books-ms-blue-1", Colour.BLUE, "aaaa1111", line(1, "password=hunter22 accepted"),
                line(2, "plain")));
        ServiceLogs logs = logs(SecretMask.of(List.of("hunter22")));

        assertThat(logs.recent(grep("hunter22"))).isEmpty();
        assertThat(logs.recent(grep("password=***"))).extracting(ServiceLogLine::text)
                .containsExactly("password=*** accepted");
    }

    @Test
    void aReplicaWhoseOutputCannotBeReadIsAWarningAndTheOthersAreShown() {
        replicas.add(replica("c1", "books-ms-blue-1", Colour.BLUE, "aaaa1111", line(1, "readable")));
        replicas.add(new ReplicaOutput("t2", "books-ms-blue-k3x9a2bq.2", Optional.of("node3"), Colour.BLUE, "aaaa1111", true,
                (read, lines) -> {
                    throw new EngineException("Reading the output of the Swarm task t2", "node node3 is down (hunter22)");
                }));

        List<ServiceLogLine> lines = logs(SecretMask.of(List.of("hunter22"))).recent(filter(10));

        assertThat(lines).extracting(ServiceLogLine::text).containsExactly("readable");
        assertThat(warnings).containsExactly("the output of books-ms-blue-k3x9a2bq.2 on node3 cannot be read: Reading the"
                + " output of the Swarm task t2 failed: node node3 is down (***)");
    }

    @Test
    void dockerSendsOnlyTheLastLinesUnlessTheyAreSearchedAndAReadingCutByItsDeadlineIsAWarning() {
        List<LogRead> reads = new CopyOnWriteArrayList<>();
        replicas.add(new ReplicaOutput("c1", "books-ms-blue-1", Optional.empty(), Colour.BLUE, "aaaa1111", true,
                (read, lines) -> {
                    reads.add(read);
                    lines.accept(line(1, "old serving"));
                    return false;  // as if the deadline passed before the end
                }));

        logs(SecretMask.NONE).recent(filter(7));
        logs(SecretMask.NONE).recent(grep("serving"));

        assertThat(reads).extracting(LogRead::tail).containsExactly(Optional.of(7), Optional.empty());
        assertThat(warnings).hasSize(2).allMatch(w -> w.startsWith("the output of books-ms-blue-1 was not all read within 60 s"));
    }

    @Test
    void aLineIsShownWithItsControlCharactersEscapedAndASwarmReplicaWithItsNode() {
        replicas.add(new ReplicaOutput("t1", "books-ms-blue-k3x9a2bq.1", Optional.of("node2"), Colour.BLUE, "cccc3333",
                true, (read, lines) -> {
                    lines.accept(line(1, "\u001b[31mred\u0007"));
                    return true;
                }));

        String shown = logs(SecretMask.NONE).recent(filter(10)).getFirst().format();

        assertThat(shown).startsWith("2026-12-04T15:00:01Z books-ms-blue-k3x9a2bq.1@node2 blue cccc3333 | ")
                .doesNotContain("\u001b").doesNotContain("\u0007").contains("red");
    }

    @Test
    void followShowsTheRecentLinesThenNewOnesAndAReplicaThatStartsLaterFromItsFirstLine() throws Exception {
        var live = new LinkedBlockingQueue<TimedLine>();
        replicas.add(new ReplicaOutput("c1", "books-ms-blue-1", Optional.empty(), Colour.BLUE, "aaaa1111", true,
                (read, lines) -> {
                    if (!read.follow()) {
                        lines.accept(line(1, "before"));
                        return true;
                    }
                    try {
                        while (true) {
                            lines.accept(live.take());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
        List<String> shown = new CopyOnWriteArrayList<>();
        Thread following = Thread.ofVirtual().start(() -> logs(SecretMask.NONE).follow(filter(10), l -> shown.add(l.text())));

        await().atMost(Duration.ofSeconds(5)).until(() -> shown.contains("before"));
        live.add(line(1, "before"));  // read again by the follow: not shown twice
        live.add(line(2, "after"));
        replicas.add(replica("c2", "books-ms-green-1", Colour.GREEN, "bbbb2222", line(3, "new replica's first line")));

        await().atMost(Duration.ofSeconds(5)).until(() -> shown.contains("after") && shown.contains("new replica's first line"));
        following.interrupt();
        following.join(Duration.ofSeconds(5));
        assertThat(following.isAlive()).isFalse();
        assertThat(shown).containsExactly("before", "after", "new replica's first line");
    }

    private ServiceLogs logs(SecretMask mask) {
        return new ServiceLogs(replicas, INSTALLATION, "books-ms", mask, warnings::add, Optional.empty());
    }

    private static LogFilter filter(int lines) {
        return new LogFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), lines);
    }

    private static LogFilter grep(String text) {
        return new LogFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(text), 100);
    }

    private static TimedLine line(int second, String text) {
        return new TimedLine(T.plusSeconds(second), text);
    }

    /** A replica whose output is {@code lines}, all there already (a follow reads them and ends). */
    private static ReplicaOutput replica(String id, String name, Colour colour, String release, TimedLine... lines) {
        return new ReplicaOutput(id, name, Optional.empty(), colour, release, false, (read, sink) -> {
            List<TimedLine> sent = read.tail().map(n -> List.of(lines).subList(Math.max(0, lines.length - n), lines.length))
                    .orElse(List.of(lines));
            sent.forEach(sink);
            return true;
        });
    }
}
