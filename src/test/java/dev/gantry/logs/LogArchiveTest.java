package dev.gantry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.discovery.Colour;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogArchiveTest {
    private static final Instant T0 = Instant.parse("2026-12-04T15:00:00.000000001Z");

    @TempDir
    Path dir;
    private LogArchive archive;

    @AfterEach
    void close() {
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void searchKeepsTheNewestLinesOfTheServiceThatTheFilterAcceptsOldestFirst() {
        archive = LogArchive.open(dir.resolve("service-logs.db"));
        archive.append("c1", "books-ms", List.of(line(0, "blue", "aaaa11112222", "GET /api/v1/books 200"),
                line(1, "blue", "aaaa11112222", "GET /health 200"), line(2, "blue", "aaaa11112222", "POST /api 500")));
        archive.append("c2", "books-ms", List.of(line(3, "green", "bbbb11112222", "GET /api/v1/books 200")));
        archive.append("c3", "other", List.of(line(4, "blue", "aaaa11112222", "GET /api/v1/books 200")));

        assertThat(texts("books-ms", filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10)))
                .containsExactly("GET /api/v1/books 200", "GET /health 200", "POST /api 500", "GET /api/v1/books 200");
        assertThat(texts("books-ms", filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 2)))
                .containsExactly("POST /api 500", "GET /api/v1/books 200");
        assertThat(archive.search("books-ms", filter(Optional.empty(), Optional.of(Colour.GREEN), Optional.empty(),
                Optional.empty(), 10))).extracting(ServiceLogLine::release).containsExactly("bbbb11112222");
        assertThat(texts("books-ms", filter(Optional.of(T0.plusSeconds(1)), Optional.empty(), Optional.of("aaaa"),
                Optional.empty(), 10))).containsExactly("GET /health 200", "POST /api 500");
        assertThat(texts("books-ms", filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("books"), 10)))
                .containsExactly("GET /api/v1/books 200", "GET /api/v1/books 200");
    }

    @Test
    void grepIsACaseSensitiveSubstringOfAnyLengthWithNothingSpecialInIt() {
        archive = LogArchive.open(dir.resolve("service-logs.db"));
        archive.append("c1", "svc", List.of(line(0, "blue", "r", "Error: 100% of \"quota\" used_up"),
                line(1, "blue", "r", "error: nothing"), line(2, "blue", "r", "a_b"), line(3, "blue", "r", "ok")));

        assertThat(texts(grep("Error"))).containsExactly("Error: 100% of \"quota\" used_up");
        assertThat(texts(grep("rror:"))).containsExactly("Error: 100% of \"quota\" used_up", "error: nothing");
        assertThat(texts(grep("\"quota\""))).containsExactly("Error: 100% of \"quota\" used_up");
        assertThat(texts(grep("%"))).containsExactly("Error: 100% of \"quota\" used_up");
        assertThat(texts(grep("_"))).containsExactly("Error: 100% of \"quota\" used_up", "a_b");
        assertThat(texts(grep("o"))).containsExactly("Error: 100% of \"quota\" used_up", "error: nothing", "ok");
        assertThat(texts(grep("OK"))).isEmpty();
        assertThat(texts(grep("* OR x"))).isEmpty();
    }

    @Test
    void aTextOlderThanTheNewestLinesIsFoundThroughTheIndexOrAFullScan() {
        archive = LogArchive.open(dir.resolve("service-logs.db"));
        List<ServiceLogLine> lines = new ArrayList<>();
        lines.add(line(0, "blue", "r", "the oldest: needle §§"));
        IntStream.range(1, LogArchive.SCAN + 10).forEach(i -> lines.add(line(i, "blue", "r", "line " + i)));
        archive.append("c1", "svc", lines);

        assertThat(texts(grep("needle"))).containsExactly("the oldest: needle §§");
        assertThat(texts(grep("§§"))).containsExactly("the oldest: needle §§");
        assertThat(texts(grep("line "))).hasSize(100).last().isEqualTo("line " + (LogArchive.SCAN + 9));
    }

    @Test
    void theCursorIsTheLastTimeKeptAndHowManyLinesCarryItAcrossAppends() {
        archive = LogArchive.open(dir.resolve("service-logs.db"));
        assertThat(archive.cursor("c1")).isEmpty();

        archive.append("c1", "svc", List.of(line(0, "blue", "r", "a"), line(1, "blue", "r", "b"),
                line(1, "blue", "r", "c")));
        assertThat(archive.cursor("c1")).contains(new LogCursor(T0.plusSeconds(1), 2));
        archive.append("c1", "svc", List.of(line(1, "blue", "r", "d")));
        assertThat(archive.cursor("c1")).contains(new LogCursor(T0.plusSeconds(1), 3));
        archive.append("c1", "svc", List.of(line(2, "blue", "r", "e")));
        assertThat(archive.cursor("c1")).contains(new LogCursor(T0.plusSeconds(2), 1));
        assertThat(archive.cursor("c2")).isEmpty();
    }

    @Test
    void linesAndCursorsOutliveTheProcessThatKeptThem() {
        archive = LogArchive.open(dir.resolve("service-logs.db"));
        archive.append("c1", "svc", List.of(line(0, "blue", "r", "kept")));
        archive.close();

        archive = LogArchive.open(dir.resolve("service-logs.db"));

        assertThat(texts(grep("kept"))).containsExactly("kept");
        assertThat(archive.cursor("c1")).contains(new LogCursor(T0, 1));
        assertThat(archive.search("svc", grep("kept")).getFirst().time()).isEqualTo(T0);
    }

    @Test
    void pruningRemovesLinesPastTheAgeAndThenTheOldestWhileTheArchiveIsTooBig() {
        archive = LogArchive.open(dir.resolve("service-logs.db"));
        archive.append("c1", "svc", List.of(line(0, "blue", "r", "old"), line(60, "blue", "r", "young")));

        assertThat(archive.prune(new LogRetention(Duration.ofSeconds(30), Long.MAX_VALUE), T0.plusSeconds(70)))
                .isEqualTo(1);
        assertThat(texts(grep("o"))).containsExactly("young");

        List<ServiceLogLine> many = new ArrayList<>();
        IntStream.range(0, 20_000).forEach(i -> many.add(line(100 + i, "blue", "r", "line " + i + " " + "x".repeat(80))));
        archive.append("c1", "svc", many);
        long full = archive.bytesInUse();
        var retention = new LogRetention(Duration.ofDays(1), full / 3);

        long removed = archive.prune(retention, T0.plusSeconds(30_000));

        assertThat(removed).isPositive();
        assertThat(archive.bytesInUse()).isLessThanOrEqualTo(full / 3);
        assertThat(archive.lines()).isEqualTo(20_001 - removed);
        assertThat(texts(grep("line 19999 "))).as("the newest stay").hasSize(1);
        assertThat(texts(grep("young"))).as("the oldest went first").isEmpty();
        assertThat(texts(grep("line 1 "))).isEmpty();
    }

    private List<String> texts(LogFilter filter) {
        return texts("svc", filter);
    }

    private List<String> texts(String service, LogFilter filter) {
        return archive.search(service, filter).stream().map(ServiceLogLine::text).toList();
    }

    private static LogFilter grep(String text) {
        return filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(text), 100);
    }

    private static LogFilter filter(Optional<Instant> since, Optional<Colour> colour, Optional<String> release,
                                    Optional<String> grep, int lines) {
        return new LogFilter(since, colour, release, grep, lines);
    }

    private static ServiceLogLine line(int second, String colour, String release, String text) {
        return new ServiceLogLine(T0.plusSeconds(second), "replica-" + colour, Optional.empty(), colour, release, text);
    }
}
