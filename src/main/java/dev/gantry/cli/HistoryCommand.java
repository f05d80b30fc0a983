package dev.gantry.cli;

import dev.gantry.Printable;
import dev.gantry.store.RunRecord;
import dev.gantry.store.StageRecord;
import dev.gantry.store.StageState;
import dev.gantry.wiring.InstallationParts;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry history SERVICE}: the service's runs with result, commit and stage timings; below each, its
 * commit's title, who or what started it (its trigger), what was cut of a stage's output, and the run's message.
 */
@Command(name = "history", description = "List the runs of SERVICE, newest first.")
final class HistoryCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, as named in its gantry.yml.")
    String service;

    @Option(names = "--limit", defaultValue = "20", description = "How many runs to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (InstallationParts parts = InstallationParts.open()) {
            List<RunRecord> runs = parts.store().runs().history(service, Math.max(1, limit));
            if (runs.isEmpty()) {
                out.println("No runs of " + service + " yet. Start one with `gantry run PATH`.");
                return 0;
            }
            out.println(String.format("%-5s %-19s %-8s %-9s %-12s %7s  %s", "RUN", "STARTED", "KIND", "RESULT", "COMMIT",
                    "TOOK", "STAGES"));
            for (RunRecord run : runs) {
                out.println(String.format("%-5d %-19s %-8s %-9s %-12s %7s  %s", run.id(), WHEN.format(run.startedAt()),
                        run.kind(),
                        run.state().word(), run.commit().substring(0, Math.min(12, run.commit().length())),
                        ProgressPrinter.seconds(run.duration()), stages(run)));
                if (!run.commitTitle().isEmpty()) {
                    out.println("      \"" + Printable.of(run.commitTitle()) + "\"");
                }
                out.println("      by " + Printable.of(run.trigger()));
                run.stages().forEach(stage -> stage.outputCut().ifPresent(cut ->
                        out.println("      " + stage.name() + ": " + Printable.of(cut))));
                run.message().ifPresent(message -> out.println("      " + Printable.of(message)));
            }
            return 0;
        }
    }

    private static String stages(RunRecord run) {
        return run.stages().stream().map(HistoryCommand::stage).collect(Collectors.joining("  "));
    }

    private static String stage(StageRecord stage) {
        String mark = stage.state() == StageState.PASSED ? "" : " " + stage.state().word();
        return stage.name() + " " + ProgressPrinter.seconds(stage.duration()) + mark;
    }
}
