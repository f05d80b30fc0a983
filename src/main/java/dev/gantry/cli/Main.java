package dev.gantry.cli;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.Printable;
import dev.gantry.Reason;
import dev.gantry.stage.StageFailedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The {@code gantry} command: its subcommands, and the one place where errors reach the person. */
@Command(name = "gantry", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Takes a Docker microservice from a git commit to production.",
        subcommands = {RunCommand.class, DeployCommand.class, RollbackCommand.class, ScaleCommand.class, StatusCommand.class,
                HistoryCommand.class, LogsCommand.class, AuditCommand.class, LockCommand.class, SecretCommand.class,
                ServiceCommand.class, TokenCommand.class, ServerCommand.class, WatchCommand.class,
                DoctorCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean verbose;

    /** Runs the CLI and exits with the code of docs/design.md ("CLI and exit codes"). */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and answers its exit code. */
    static int execute(String... args) {
        var cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::report);
        cli.setParameterExceptionHandler(Main::badUsage);
        return cli.execute(args);
    }

    /** Bad usage: what was wrong, picocli's suggestions if it has some, and always the usage (exit 2). */
    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        cli.usage(err);
        err.flush();
        return ExitCode.BAD_INPUT.code();
    }

    private static int report(Exception e, CommandLine cli, ParseResult parsed) {
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
        return report(e, cli.getErr(), verbose);
    }

    /** Whether the command of {@code spec} was given {@code --verbose} (an option every command inherits). */
    static boolean verbose(CommandLine.Model.CommandSpec spec) {
        CommandLine.Model.OptionSpec option = spec.findOption("--verbose");
        return option != null && Boolean.TRUE.equals(option.getValue());
    }

    /** The error on {@code err} as a person should see it (its stack trace too if {@code verbose}); answers the exit code. */
    static int report(Exception e, PrintWriter err, boolean verbose) {
        if (e instanceof StageFailedException failed && !failed.lastLines().isEmpty()) {
            err.println("  last lines of its output:");
            failed.lastLines().forEach(line -> err.println("  | " + Printable.of(line)));
        }
        if (e instanceof GantryException known) {
            err.println("error: " + Printable.lines(known.getMessage()));
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return known.exitCode().code();
        }
        err.println("error: unexpected failure, a bug in Gantry: " + Printable.lines(Reason.of(e))
                + (verbose ? "" : ". Run again with --verbose for its stack trace, and report it."));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.RUN_FAILED.code();
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"gantry " + (version == null ? "development build" : version)};
        }
    }
}
