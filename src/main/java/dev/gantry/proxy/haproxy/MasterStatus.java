package dev.gantry.proxy.haproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The master process's {@code show proc} answer: how often it reloaded, how many of those failed,
 * and the pids of the current workers (management guide, "master CLI").
 */
record MasterStatus(int reloads, int failedReloads, List<Long> workers) {
    private static final Pattern MASTER = Pattern.compile("^\\d+\\s+master\\s+(\\d+)\\s+\\[failed:\\s*(\\d+)]");
    private static final Pattern WORKER = Pattern.compile("^(\\d+)\\s+worker\\b");

    static MasterStatus parse(String answer) {
        int reloads = -1;
        int failed = -1;
        List<Long> workers = new ArrayList<>();
        String section = "";
        for (String line : answer.lines().map(String::strip).toList()) {
            if (line.startsWith("#")) {
                section = line;
                continue;
            }
            Matcher master = MASTER.matcher(line);
            Matcher worker = WORKER.matcher(line);
            if (master.find()) {
                reloads = Integer.parseInt(master.group(1));
                failed = Integer.parseInt(master.group(2));
            } else if (worker.find() && section.equals("# workers")) {
                workers.add(Long.parseLong(worker.group(1)));
            }
        }
        if (reloads < 0) {
            throw new IllegalArgumentException("not a show proc answer: " + answer.strip());
        }
        return new MasterStatus(reloads, failed, List.copyOf(workers));
    }
}
