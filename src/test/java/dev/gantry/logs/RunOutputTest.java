package dev.gantry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.StageRecord;
import dev.gantry.store.StageState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputTest {
    private static final Instant T0 = Instant.parse("2026-12-05T01:00:00Z");

    @TempDir
    Path dir;

    @Test
    void eachStagesLinesAreTaggedWithItInTheOrderTheyRan() throws IOException {
        var run = run(stage("test", "Step 1/3 : FROM gantry/java:25", "PASS tiny: 3 tests"),
                stage("post-integration", "PASS tiny: GET /tiny at http://proxy -> HTTP/1.1 200 OK"),
                new StageRecord("undo", StageState.PASSED, T0, Optional.of(T0), Optional.empty(), Optional.empty()));

        assertThat(RunOutput.format(RunOutput.lines(run, Optional.empty(), 100))).containsExactly(
                "test             | Step 1/3 : FROM gantry/java:25",
                "test             | PASS tiny: 3 tests",
                "post-integration | PASS tiny: GET /tiny at http://proxy -> HTTP/1.1 200 OK");
        assertThat(RunOutput.lines(run, Optional.of("PASS"), 1)).as("the last line that has PASS").containsExactly(
                new RunOutput.Line("post-integration", "PASS tiny: GET /tiny at http://proxy -> HTTP/1.1 200 OK"));
    }

    @Test
    void aLogFileThatIsGoneIsSaidSo() {
        Path gone = dir.resolve("7-test.log");
        var run = run(new StageRecord("test", StageState.FAILED, T0, Optional.of(T0), Optional.empty(),
                Optional.of(gone.toString())));

        assertThat(RunOutput.format(RunOutput.lines(run, Optional.empty(), 100))).singleElement().asString()
                .startsWith("test | (its log file " + gone + " cannot be read: ");
    }

    private StageRecord stage(String name, String... lines) throws IOException {
        Path log = Files.write(dir.resolve("7-" + name + ".log"), List.of(lines));
        return new StageRecord(name, StageState.PASSED, T0, Optional.of(T0), Optional.empty(), Optional.of(log.toString()));
    }

    private static RunRecord run(StageRecord... stages) {
        return new RunRecord(7, "run", "books-ms", "3f1c2a9e0b7d", "Add books", false, "cli", RunState.FAILED,
                Optional.empty(), Optional.empty(), T0, Optional.of(T0), Optional.empty(), Optional.empty(),
                Optional.empty(), OptionalInt.empty(), List.of(stages));
    }
}
