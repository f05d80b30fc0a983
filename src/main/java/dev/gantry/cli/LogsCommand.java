package dev.gantry.cli;

import dev.gantry.Printable;
import dev.gantry.deploy.Production;
import dev.gantry.discovery.Colour;
import dev.gantry.store.RunRecord;
import dev.gantry.logs.LogFilter;
import dev.gantry.logs.RunOutput;
import dev.gantry.logs.ServiceLogLine;
import dev.gantry.logs.ServiceLogs;
import dev.gantry.wiring.InstallationParts;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry logs SERVICE}: the output of the service's replicas on every node, each line tagged with its time,
 * replica, colour and release, secrets masked (docs/logs.md).
 */
@Command(name = "logs", description = "Show the output of SERVICE's replicas, on every node, oldest first.")
final class LogsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, as named in its gantry.yml.")
    String service;

    @Option(names = {"-f", "--follow"}, description = "Keep showing new lines, of new replicas too, until interrupted.")
    boolean follow;

    @Option(names = "--since", paramLabel = "AGE|TIME", converter = SinceConverter.class,
            description = "Only lines from then on: an age such as 10m or 2h (at most 24h), or a time such as 2026-12-04T15:00:00Z.")
    Instant since;

    @Option(names = "--colour", paramLabel = "blue|green", converter = ColourConverter.class,
            description = "Only the replicas of one colour.")
    Colour colour;

    @Option(names = "--release", paramLabel = "COMMIT", description = "Only the replicas of the release whose commit starts so.")
    String release;

    @Option(names = "--grep", paramLabel = "TEXT", description = "Only lines that contain TEXT (as shown, secrets masked).")
    String grep;

    @Option(names = "--run", paramLabel = "N",
            description = "Instead: what run N of SERVICE printed, stage by stage, its test containers' output among it.")
    Long run;

    @Option(names = "--lines", defaultValue = "100", paramLabel = "N",
            description = "Show the last N lines (default: ${DEFAULT-VALUE}, at most " + LogFilter.MOST_LINES + ").")
    int lines;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            LogFilter.checkLines(lines);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lines " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (run != null) {
            return runOutput(out);
        }
        try (InstallationParts parts = InstallationParts.open()) {
            Production production = parts.production();
            ServiceLogs logs = parts.serviceLogs(service,
                    warning -> spec.commandLine().getErr().println("warning: " + Printable.of(warning)));
            if (!logs.any() && !production.discovery().services().contains(service)) {
                throw new UnknownServiceException(service);
            }
            var filter = new LogFilter(Optional.ofNullable(since), Optional.ofNullable(colour), Optional.ofNullable(release),
                    Optional.ofNullable(grep), lines);
            if (follow) {
                logs.follow(filter, line -> {
                    out.println(line.format());
                    out.flush();
                });
            } else {
                logs.recent(filter).stream().map(ServiceLogLine::format).forEach(out::println);
            }
            return 0;
        }
    }

    /** An age back from now ({@code 10m}) or a time ({@code 2026-12-04T15:00:00Z}). */
    static final class SinceConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            try {
                return LogFilter.since(text, Instant.now());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ColourConverter implements CommandLine.ITypeConverter<Colour> {
        @Override
        public Colour convert(String text) {
            try {
                return Colour.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("should be blue or green, was \"" + Printable.of(text) + "\"");
            }
        }
    }

    private int runOutput(PrintWriter out) {
        if (follow || since != null || colour != null || release != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--run shows what a run printed; --follow,"
                    + " --since, --colour and --release are for the replicas' output: leave them out, or leave out --run");
        }
        try (InstallationParts parts = InstallationParts.open()) {
            RunRecord found = parts.store().runs().find(run).filter(record -> record.service().equals(service))
                    .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "run " + run + " is not a"
                            + " run of " + Printable.of(service) + "; `gantry history " + Printable.of(service)
                            + "` lists them"));
            RunOutput.format(RunOutput.lines(found, Optional.ofNullable(grep), lines)).forEach(out::println);
            return 0;
        }
    }
}
