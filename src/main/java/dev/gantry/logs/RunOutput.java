package dev.gantry.logs;

import dev.gantry.store.RunRecord;
import dev.gantry.store.StageRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * {@code gantry logs SERVICE --run N} and {@code GET /api/v1/services/{service}/logs?run=N} (docs/logs.md#a-runs-output):
 * what run N's stages printed, its test containers' output among it, read from the stages' log files (already masked
 * and bounded as they were written), each line with its stage. Only the last lines asked for are held, however long
 * the files.
 */
public final class RunOutput {
    private RunOutput() {
    }

    /** One line a stage printed. */
    public record Line(String stage, String text) {
    }

    /** The last {@code last} lines of {@code run}'s stages, oldest first, those containing {@code grep} if given. */
    public static List<Line> lines(RunRecord run, Optional<String> grep, int last) {
        var kept = new ArrayDeque<Line>(Math.min(last, 1024));
        for (StageRecord stage : run.stages()) {
            if (stage.logPath().isEmpty()) {
                continue;
            }
            Path file = Path.of(stage.logPath().get());
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (grep.isEmpty() || line.contains(grep.get())) {
                        keep(kept, new Line(stage.name(), line), last);
                    }
                }
            } catch (IOException e) {
                keep(kept, new Line(stage.name(), "(its log file " + file + " cannot be read: " + e.getMessage() + ")"), last);
            }
        }
        return List.copyOf(kept);
    }

    /** {@code lines} as the CLI shows them: each tagged with its stage, the tags as wide as the widest. */
    public static List<String> format(List<Line> lines) {
        int width = lines.stream().mapToInt(line -> line.stage().length()).max().orElse(0);
        return lines.stream().map(line -> String.format("%-" + width + "s | %s", line.stage(), line.text())).toList();
    }

    private static void keep(ArrayDeque<Line> kept, Line line, int last) {
        if (kept.size() == last) {
            kept.removeFirst();
        }
        kept.addLast(line);
    }
}
