package dev.gantry.cli;

import dev.gantry.pipeline.DeployableImage;
import dev.gantry.pipeline.RunOutcome;
import dev.gantry.wiring.InstallationParts;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry deploy SERVICE IMAGE [--untested]}: the deployment half of the flow for an image already
 * in the registry that a run of the service tested (or, with {@code --untested}, one no run tested).
 */
@Command(name = "deploy", description = "Deploy IMAGE, already in the registry, as the new release of SERVICE.")
final class DeployCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "A service Gantry has run before.")
    String service;

    @Parameters(index = "1", paramLabel = "IMAGE",
            description = "registry/repository:tag, or just the tag of the service's image in the configured registry.")
    String image;

    @Option(names = "--untested", description = "Deploy IMAGE even though no run of SERVICE built and tested it;"
            + " the audit log records it. Without it, only images a run tested are deployed.")
    boolean untested;

    @Mixin
    LockWaitOptions lock;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (InstallationParts parts = InstallationParts.open()) {
            var progress = new ProgressPrinter(spec.commandLine().getOut());
            // the person at the CLI owns the installation, as an admin token's holder would: --untested is theirs
            DeployableImage.check(parts.store(), parts.installation.registry(), service, image, untested); // before any engine
            parts.preflight();
            RunOutcome outcome = parts.pipeline(progress, lock.lockWait()).deploy(service, image, untested,
                    CliTrigger.current());
            progress.succeeded(outcome);
            return 0;
        }
    }
}
