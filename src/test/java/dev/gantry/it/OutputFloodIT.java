package dev.gantry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.it.GantryCli.Result;
import dev.gantry.it.GantryCli.Running;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A test container that floods its output (a gigabyte on one line, or lines without end) with the
 * real CLI and Docker: the run ends as designed, the gantry process's peak memory stays under 512 MB
 * and its GANTRY_HOME under 64 MB, and the log file, the store and history say what was cut.
 */
class OutputFloodIT {
    private static final long MB = 1L << 20;
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aGigabyteOnOneLineIsCutAndNeverHeld() {
        ServiceRepo repo = sandbox.tiny();
        repo.write("Dockerfile.test", """
                FROM gantry/java:25
                ENTRYPOINT ["sh", "-c", "dd if=/dev/zero bs=1048576 count=1024 2>/dev/null | tr '\\\\0' a; echo; echo flood over; exit 3"]
                """);
        repo.commit("A test container that prints 1 GiB on one line");

        Measured run = measured(sandbox.cli(), "run", repo.serviceDir().toString());

        assertThat(run.result().exitCode()).as("%s", run.result()).isEqualTo(1);
        assertThat(run.result().stderr()).as("%s", run.result())
                .contains("the test container exited with code 3")
                .contains("  | flood over\n")
                .contains("aaaa… [line cut at 16384 bytes]");
        assertBounded(run);
        Path log = testLog();
        assertThat(lines(log)).as("the test stage's log file").anySatisfy(line -> assertThat(line)
                .hasSize(16384 + "… [line cut at 16384 bytes]".length()).endsWith("a… [line cut at 16384 bytes]"));
        assertThat(history().cuts()).containsEntry("test", "output cut: 1 line cut at 16KiB");
    }

    @Test
    void endlessLinesKeepABoundedFileAndStoreAndTheRunEndsAtItsTimeout() {
        ServiceRepo repo = sandbox.tiny();
        repo.write("Dockerfile.test", """
                FROM gantry/java:25
                ENTRYPOINT ["sh", "-c", "yes 'endless line of test output'"]
                """);
        repo.replace("gantry.yml", "timeout: 2m", "timeout: 20s");
        repo.commit("A test container that never stops printing");

        Measured run = measured(sandbox.cli().with("GANTRY_OUTPUT_FILE_MAX", "1MiB"), "run",
                repo.serviceDir().toString());

        assertThat(run.result().exitCode()).as("%s", run.result()).isEqualTo(1);
        assertThat(run.result().stderr()).as("%s", run.result()).contains("did not finish within 20s");
        assertBounded(run);
        Path log = testLog();
        assertThat(size(log)).as("the test stage's log file").isLessThan(MB + 64 * 1024);
        assertThat(lines(log)).as("the test stage's log file")
                .anyMatch(line -> line.matches("… \\[the log file stopped at 1MiB \\(\\d+ lines, \\d+ bytes, not in it\\);"
                        + " the last 1000 of them follow]"))
                .last().as("the last line, which the kill at the timeout may have cut short")
                .satisfies(last -> {
                    assertThat(last).isNotEmpty();
                    assertThat("endless line of test output").startsWith(last);
                });
        assertThat(history().cuts()).hasEntrySatisfying("test", cut -> assertThat(cut)
                .matches("output cut: the store keeps the last 1000 of \\d+ lines; the log file stopped at 1MiB .*"));
    }

    private void assertBounded(Measured run) {
        assertThat(run.peakRss()).as("peak RSS of the gantry process, bytes").isPositive().isLessThan(512 * MB);
        assertThat(size(sandbox.home())).as("size of GANTRY_HOME, bytes").isLessThan(64 * MB);
    }

    private Path testLog() {
        try (Stream<Path> files = Files.walk(sandbox.home().resolve("logs"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-test.log")).findFirst()
                    .orElseThrow(() -> new AssertionError("no test stage log under " + sandbox.home()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HistoryRows.Row history() {
        Result history = sandbox.cli().ok("history", sandbox.service());
        List<HistoryRows.Row> rows = HistoryRows.parse(history.stdout());
        assertThat(rows).as("%s", history).hasSize(1);
        return rows.getFirst();
    }

    /** Runs the CLI to its end, sampling its peak resident memory (VmHWM) as it runs. */
    private static Measured measured(GantryCli cli, String... args) {
        Running running = cli.start(args);
        AtomicLong peak = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(peakRss(running.pid()), Math::max),
                0, 100, TimeUnit.MILLISECONDS);
        try {
            return new Measured(running.await(DEADLINE), peak.get());
        } finally {
            sampler.shutdownNow();
        }
    }

    /** The process's peak resident set size in bytes, from /proc (0 once it is gone). */
    private static long peakRss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(0L);
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long size(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Measured(Result result, long peakRss) {
    }
}
