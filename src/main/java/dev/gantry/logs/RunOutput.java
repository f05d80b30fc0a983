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
 * {@code gantry logs SERVICE --run N} (docs/logs.md#a-runs-output): what run N's stages printed, its test containers'
 * output among it, read from the stages' log files (already masked and bounded as they were written), each line
 * tagged with its stage. Only the last lines asked for are held, however long the files.
 */
public final class RunOutput {
    private RunOutput() {
    }

    /** The last {@code last} lines of {@code run}'s stages, oldest first, those containing {@code grep} if given. */
    public static List<String> lines(RunRecord run, Optional<String> grep, int last) {
        var kept = new ArrayDeque<String>(Math.min(last, 1024));
        int width = run.stages().stream().mapToInt(stage -> stage.name().length()).max().orElse(0);
        for (StageRecord stage : run.stages()) {
            String tag = String.format("%-" + width + "s | ", stage.name());
            if (stage.logPath().isEmpty()) {
                continue;
            }
            Path file = Path.of(stage.logPath().get());
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (grep.isEmpty() || line.contains(grep.get())) {
                        keep(kept, tag + line, last);
                    }
                }
            } catch (IOException e) {
                keep(kept, tag + "(its log file " + file + " cannot be read: " + e.getMessage() + ")", last);
            }
        }
        return List.copyOf(kept);
    }

    private static void keep(ArrayDeque<String> kept, String line, int last) {
        if (kept.size() == last) {
            kept.removeFirst();
        }
        kept.addLast(line);
    }
}
