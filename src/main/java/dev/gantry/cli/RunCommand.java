package dev.gantry.cli;

import dev.gantry.config.ServiceConfig;
import dev.gantry.handoff.HandoffClient;
import dev.gantry.handoff.HandoffRequest;
import dev.gantry.handoff.HandoffSocket;
import dev.gantry.pipeline.Pipeline;
import dev.gantry.pipeline.RunOutcome;
import dev.gantry.source.ServiceSource;
import dev.gantry.store.Store;
import dev.gantry.wiring.InstallationParts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry run [PATH]}: the whole flow for the service at PATH, at its HEAD commit. */
@Command(name = "run", description = "Test, build, push and deploy the service at PATH (its HEAD commit).")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "PATH",
            description = "A directory inside a git work tree that holds gantry.yml (default: .).")
    Path path;

    @Mixin
    LockWaitOptions lock;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Hands the run to the {@code gantry server} of this installation if one runs with the same build and
     * environment (docs/server.md, "Runs handed to the server"), which saves the start-up; else runs it here.
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var request = new HandoffRequest(path.toAbsolutePath().normalize(), lock.lockWait(), Main.verbose(spec));
        Optional<Integer> handed = HandoffSocket.of(System.getenv())
                .flatMap(socket -> HandoffClient.handOff(socket, request, out, spec.commandLine().getErr()));
        if (handed.isPresent()) {
            return handed.get();
        }
        flow(path, out, lock.lockWait());
        return 0;
    }

    /** A run handed over by a {@code gantry run}, in the server's installation: as {@link #call} would, with its exit code. */
    static int handed(InstallationParts parts, HandoffRequest request, PrintWriter out, PrintWriter err) {
        try {
            flow(parts, request.path(), out, request.lockWait());
            return 0;
        } catch (RuntimeException e) {
            return Main.report(e, err, request.verbose());
        }
    }

    /**
     * Runs the flow for the service at {@code path}, showing progress on {@code out}. The store is
     * opened and the environment checked while the commit and its gantry.yml are read; a bad
     * gantry.yml is still reported before an unusable environment.
     */
    static RunOutcome flow(Path path, PrintWriter out, Duration lockWait) {
        try (InstallationParts parts = InstallationParts.open()) {
            return flow(parts, path, out, lockWait);
        }
    }

    /** The same, in the installation of {@code parts}, which stay open. */
    static RunOutcome flow(InstallationParts parts, Path path, PrintWriter out, Duration lockWait) {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Store> store = threads.submit(parts::store);
            Future<Void> reachable = threads.submit(parts::checkReachable);
            ServiceSource source = ServiceSource.locate(path);
            ServiceConfig config = source.config();
            Background.await(reachable);
            parts.startProxy();
            var progress = new ProgressPrinter(out);
            if (source.release().dirty()) {
                progress.warning("the work tree has uncommitted changes; they are not part of this run, which"
                        + " builds commit " + source.release().shortCommit() + " exactly");
            }
            Background.await(store);
            RunOutcome outcome = parts.pipeline(progress, lockWait).run(source, config, CliTrigger.current());
            progress.succeeded(outcome);
            return outcome;
        }
    }
}
