package dev.gantry.cli;

import dev.gantry.pipeline.RunOutcome;
import dev.gantry.wiring.InstallationParts;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry rollback SERVICE}: the release that was live before goes back behind the proxy. */
@Command(name = "rollback", description = "Put the previous release of SERVICE back live.")
final class RollbackCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service to roll back.")
    String service;

    @Mixin
    LockWaitOptions lock;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (InstallationParts parts = InstallationParts.open()) {
            var progress = new ProgressPrinter(spec.commandLine().getOut());
            parts.preflight();
            RunOutcome outcome = parts.pipeline(progress, lock.lockWait()).rollback(service, CliTrigger.current());
            progress.succeeded(outcome);
            return 0;
        }
    }
}
