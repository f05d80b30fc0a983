package dev.gantry.cli;

import dev.gantry.config.ServiceConfig;
import dev.gantry.pipeline.Pipeline;
import dev.gantry.pipeline.RunOutcome;
import dev.gantry.pipeline.ServiceSource;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry run [PATH]}: the whole flow for the service at PATH, at its HEAD commit. */
@Command(name = "run", description = "Test, build and push the service at PATH (its HEAD commit).")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "PATH",
            description = "A directory inside a git work tree that holds gantry.yml (default: .).")
    Path path;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        flow(path, spec.commandLine().getOut());
        return 0;
    }

    /** Runs the flow for the service at {@code path}, showing progress on {@code out}. */
    static RunOutcome flow(Path path, java.io.PrintWriter out) {
        ServiceSource source = ServiceSource.locate(path);
        ServiceConfig config = source.config();
        try (Environment env = Environment.load()) {
            var progress = new ProgressPrinter(out);
            var pipeline = new Pipeline(env.buildEngine, env.registry, env.store(), env.installation, progress);
            pipeline.preflight();
            if (source.release().dirty()) {
                progress.warn("the work tree has uncommitted changes; they are not part of this run, which"
                        + " builds commit " + source.release().shortCommit() + " exactly");
            }
            RunOutcome outcome = pipeline.run(source, config, "cli");
            progress.succeeded(outcome);
            return outcome;
        }
    }
}
