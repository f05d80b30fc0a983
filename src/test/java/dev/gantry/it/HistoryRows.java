package dev.gantry.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of {@code gantry history SERVICE}, as a person reads them:
 * {@code "3     2026-11-26 16:57:52 succeeded ac97b1e010df    2.0s  checkout 0.0s  test 1.7s  build 0.9s  push 0.2s"},
 * a failed stage marked {@code "test 4.0s failed"}; below it the commit's title in quotes, who started it
 * ({@code "by cli (alice@host)"}), a line per stage
 * whose output was cut ({@code "test: output cut: ..."}) and the run's message.
 */
final class HistoryRows {
    private static final Pattern ROW = Pattern.compile(
            "^(\\d+) +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\w+ +(\\w+) +([0-9a-f]{1,12}) +\\d+\\.\\ds  (.*)$");
    private static final Pattern STAGE = Pattern.compile("([\\w-]+) \\d+\\.\\ds(?: (\\w+))?");
    private static final Pattern CUT = Pattern.compile("^ {6}([\\w-]+): (output cut: .*)$");

    private HistoryRows() {
    }

    /** The runs listed, newest first. */
    static List<Row> parse(String stdout) {
        List<Row> rows = new ArrayList<>();
        for (String line : stdout.lines().toList()) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                rows.add(new Row(Long.parseLong(row.group(1)), row.group(2), row.group(3), stages(row.group(4)),
                        Optional.empty(), Optional.empty(), Optional.empty(), new LinkedHashMap<>()));
            } else if (line.startsWith("      ") && !rows.isEmpty()) {
                Row last = rows.removeLast();
                Matcher cut = CUT.matcher(line);
                if (line.startsWith("      \"") && last.title().isEmpty() && last.message().isEmpty()) {
                    last = last.withTitle(line.strip().substring(1, line.strip().length() - 1));
                } else if (line.startsWith("      by ")) {
                    last = last.withTrigger(line.substring("      by ".length()));
                } else if (cut.matches()) {
                    last.cuts().put(cut.group(1), cut.group(2));
                } else {
                    last = last.withMessage(line.strip());
                }
                rows.add(last);
            }
        }
        return rows;
    }

    private static Map<String, String> stages(String text) {
        Map<String, String> stages = new LinkedHashMap<>();
        STAGE.matcher(text).results().forEach(m -> stages.put(m.group(1), m.group(2) == null ? "passed" : m.group(2)));
        return stages;
    }

    /**
     * One run: its id, result, short commit, each stage's state by name, its message if any, its commit's
     * title, who or what started it, and what was cut of each stage's output.
     */
    record Row(long run, String result, String commit, Map<String, String> stages, Optional<String> message,
               Optional<String> title, Optional<String> trigger, Map<String, String> cuts) {
        Row withTitle(String text) {
            return new Row(run, result, commit, stages, message, Optional.of(text), trigger, cuts);
        }

        Row withMessage(String text) {
            return new Row(run, result, commit, stages, Optional.of(text), title, trigger, cuts);
        }

        Row withTrigger(String text) {
            return new Row(run, result, commit, stages, message, title, Optional.of(text), cuts);
        }
    }
}
