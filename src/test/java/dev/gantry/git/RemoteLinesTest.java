package dev.gantry.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.trigger.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RemoteLinesTest {
    private final RemoteLines lines = new RemoteLines();

    @Test
    void aStageThatPassesShowsItsStartAndEndButNotItsOutput() {
        List<String> shown = shown(new Progress.Line("", "run 3: shop at 3f2a1c9e0b7d \"Fix\""),
                new Progress.StageEvent("build", "started", 0), new Progress.Line("build", "Step 1/4"),
                new Progress.StageEvent("build", "passed", 12_345));
        assertThat(shown).containsExactly("run 3: shop at 3f2a1c9e0b7d \"Fix\"", "build: started", "build: passed (12.3s)");
    }

    @Test
    void aStageThatFailsShowsItsLastLines() {
        List<Progress> events = new ArrayList<>(List.of(new Progress.StageEvent("test", "started", 0)));
        IntStream.rangeClosed(1, 20).forEach(i -> events.add(new Progress.Line("test", "line " + i)));
        events.add(new Progress.StageEvent("test", "failed", 1_000));
        List<String> shown = shown(events.toArray(Progress[]::new));
        assertThat(shown).startsWith("test: started", "test: failed (1.0s)", "last lines of test:")
                .hasSize(3 + RemoteLines.FAILURE_TAIL).endsWith("  line 20").doesNotContain("  line 5");
    }

    @Test
    void stagesSideBySideKeepTheirOwnLastLines() {
        List<String> shown = shown(new Progress.StageEvent("build", "started", 0),
                new Progress.StageEvent("test", "started", 0), new Progress.Line("build", "Step 1/4"),
                new Progress.Line("test", "expected 200, got 500"), new Progress.Line("build", "Step 2/4"),
                new Progress.StageEvent("test", "failed", 2_000), new Progress.StageEvent("build", "passed", 3_000));
        assertThat(shown).containsExactly("build: started", "test: started", "test: failed (2.0s)",
                "last lines of test:", "  expected 200, got 500", "build: passed (3.0s)");
    }

    @Test
    void theResultSaysWhereTheReleaseIsLiveOrWhereTheRunFailed() {
        assertThat(RemoteLines.result(3, true, "", "", "http://127.0.0.1:8080/shop"))
                .isEqualTo("run 3 succeeded: live at http://127.0.0.1:8080/shop");
        assertThat(RemoteLines.result(4, false, "test", "tests failed with exit code 3", ""))
                .isEqualTo("run 4 FAILED at test: tests failed with exit code 3 (production is as it was)");
        assertThat(lines.of(new Progress.End("done", true, 3, ""))).isEmpty();
    }

    @Test
    void aQuietRunSaysWhatItWaitsFor() {
        assertThat(lines.stillRunning(15)).isEqualTo("waiting for the run to start (15s)");
        lines.of(new Progress.StageEvent("build", "started", 0));
        assertThat(lines.stillRunning(30)).isEqualTo("build: still running (30s)");
    }

    private List<String> shown(Progress... events) {
        List<String> shown = new ArrayList<>();
        for (Progress event : events) {
            shown.addAll(lines.of(event));
        }
        return shown;
    }
}
