package dev.gantry.it;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The progress lines of {@code gantry run}, as a person reads them:
 * {@code "  test      started"} and {@code "  test      passed     1.7s   log: /path"}.
 */
final class StageLines {
    private static final Pattern STARTED = Pattern.compile("(?m)^  ([\\w-]+) +started$");
    private static final Pattern FINISHED = Pattern.compile("(?m)^  ([\\w-]+) +(\\w+) +(\\d+\\.\\d)s +log: (\\S.*)$");

    private StageLines() {
    }

    /** The stages whose start was shown, in the order shown. */
    static List<String> started(String stdout) {
        return STARTED.matcher(stdout).results().map(m -> m.group(1)).toList();
    }

    /** The stages whose end was shown, by name, in the order shown. */
    static Map<String, Finished> finished(String stdout) {
        Map<String, Finished> finished = new LinkedHashMap<>();
        Matcher m = FINISHED.matcher(stdout);
        while (m.find()) {
            finished.put(m.group(1), new Finished(m.group(2), m.group(3) + "s", Path.of(m.group(4))));
        }
        return finished;
    }

    /** How a stage ended as shown: "passed" or "failed", how long it took, and its log file. */
    record Finished(String state, String took, Path log) {
    }
}
