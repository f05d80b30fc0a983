package dev.gantry.cli;

import dev.gantry.pipeline.RunOutcome;
import dev.gantry.wiring.InstallationParts;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry scale SERVICE REPLICAS}: the live release runs that many replicas, within {@code run/scale} of its
 * gantry.yml (docs/scaling.md); recorded in history and the audit log as a run of kind {@code scale}.
 */
@Command(name = "scale", description = "Run REPLICAS replicas of SERVICE's live release, within run/scale of its gantry.yml.")
final class ScaleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The live service to scale.")
    String service;

    @Parameters(index = "1", paramLabel = "REPLICAS", description = "How many replicas its live colour should run.")
    int replicas;

    @Mixin
    LockWaitOptions lock;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (InstallationParts parts = InstallationParts.open()) {
            var out = spec.commandLine().getOut();
            var progress = new ProgressPrinter(out);
            parts.preflight();
            Optional<RunOutcome> outcome = parts.pipeline(progress, lock.lockWait()).scale(service, replicas,
                    CliTrigger.current());
            outcome.ifPresentOrElse(scaled -> progress.scaled(scaled, replicas),
                    () -> out.println(service + " runs " + replicas + " replica(s) already; nothing was changed."));
            return 0;
        }
    }
}
