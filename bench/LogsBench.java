import dev.gantry.discovery.Colour;
import dev.gantry.logs.LogArchive;
import dev.gantry.logs.LogFilter;
import dev.gantry.logs.ServiceLogLine;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * bench/logs: fills a LogArchive with LINES lines of access-log-like output (2 services, 4 replicas each, one line
 * every few milliseconds over the last hours), then times searches against grep -F over a text file of the same
 * lines, each 5 times. Target: every search <= 1 s. Usage: java -cp CLASSPATH bench/LogsBench.java LINES DIR
 */
public class LogsBench {
    private static final String[] PATHS = {"/api/v1/books", "/api/v1/books/42", "/health", "/api/v1/authors",
            "/api/v1/books?page=3", "/metrics"};
    private static final int[] STATUS = {200, 200, 200, 200, 201, 204, 304, 404, 500};

    public static void main(String[] args) throws Exception {
        int total = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        Path flat = dir.resolve("lines.txt");
        var random = new Random(42);
        Instant start = Instant.now().minus(Duration.ofHours(6));
        String needle = null;
        long appendNanos = 0;
        try (LogArchive archive = LogArchive.open(dir.resolve("service-logs.db"));
             BufferedWriter text = Files.newBufferedWriter(flat, StandardCharsets.UTF_8)) {
            int batch = 1_000;
            for (int first = 0; first < total; first += batch) {
                String service = (first / batch) % 2 == 0 ? "books-ms" : "authors-ms";
                int replica = (first / batch / 2) % 4;
                List<ServiceLogLine> lines = new ArrayList<>(batch);
                for (int i = first; i < Math.min(total, first + batch); i++) {
                    String requestId = Long.toHexString(random.nextLong());
                    String line = String.format("%s %s %d %dms request=%s user=%d", random.nextBoolean() ? "GET" : "POST",
                            PATHS[random.nextInt(PATHS.length)], STATUS[random.nextInt(STATUS.length)],
                            random.nextInt(900), requestId, random.nextInt(10_000));
                    if (i == total / 3 / (2 * batch) * (2 * batch) + 7) {  // in a batch of books-ms
                        needle = "request=" + requestId;
                    }
                    Instant at = start.plusNanos(i * (Duration.ofHours(6).toNanos() / total));
                    lines.add(new ServiceLogLine(at, service + "-blue-" + replica, Optional.empty(), "blue",
                            "1a2b3c4d5e6f", line));
                    text.write(service + " " + line);
                    text.newLine();
                }
                long began = System.nanoTime();
                archive.append(service + "-" + replica, service, lines);
                appendNanos += System.nanoTime() - began;
            }
            System.out.printf("kept %,d lines in %.1f s (%,.0f lines/s), archive %,d MiB in use%n", archive.lines(),
                    appendNanos / 1e9, archive.lines() / (appendNanos / 1e9), archive.bytesInUse() >> 20);
            Instant now = start.plus(Duration.ofHours(6));
            time(archive, flat, "a rare text (one line of " + total + ")", "books-ms", grep(needle, 100), needle);
            time(archive, flat, "a common text, the last 100 lines", "books-ms", grep("POST /api/v1/books", 100),
                    "POST /api/v1/books");
            time(archive, flat, "a common text, the last 10,000 lines", "books-ms", grep(" 500 ", 10_000), " 500 ");
            time(archive, flat, "a longer common text, the last 10,000 lines", "books-ms",
                    grep("POST /api/v1/books", 10_000), "POST /api/v1/books");
            time(archive, flat, "two characters (no index), the last 100 lines", "books-ms", grep("0m", 100), "0m");
            time(archive, flat, "the last 10 minutes, no text", "books-ms", new LogFilter(
                    Optional.of(now.minus(Duration.ofMinutes(10))), Optional.empty(), Optional.empty(), Optional.empty(),
                    1_000), null);
        }
    }

    private static LogFilter grep(String text, int lines) {
        return new LogFilter(Optional.empty(), Optional.of(Colour.BLUE), Optional.empty(), Optional.of(text), lines);
    }

    private static void time(LogArchive archive, Path flat, String what, String service, LogFilter filter, String grep)
            throws Exception {
        long[] archiveMs = new long[5];
        long[] grepMs = new long[5];
        int found = 0;
        for (int i = 0; i < 5; i++) {
            long began = System.nanoTime();
            found = archive.search(service, filter).size();
            archiveMs[i] = (System.nanoTime() - began) / 1_000_000;
            began = System.nanoTime();
            if (grep != null) {  // the baseline: grep -F over the same lines in a text file, keeping as many
                new ProcessBuilder("sh", "-c", "grep -F -e \"$1\" \"$2\" | tail -n \"$3\" >/dev/null", "sh", grep,
                        flat.toString(), Integer.toString(filter.lines())).inheritIO().start().waitFor();
            }
            grepMs[i] = (System.nanoTime() - began) / 1_000_000;
        }
        Arrays.sort(archiveMs);
        Arrays.sort(grepMs);
        String baseline = grep == null ? "no baseline" : String.format("grep -F %d ms, ratio %.2f", grepMs[2],
                archiveMs[2] / (double) Math.max(1, grepMs[2]));
        System.out.printf("  %-48s %6d ms (%s), %,d lines found   target <= 1000 ms: %s%n", what, archiveMs[2],
                baseline, found, archiveMs[2] <= 1000 ? "met" : "NOT met");
    }
}
