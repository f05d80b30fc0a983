package dev.gantry.cli;

import dev.gantry.GantryException;
import dev.gantry.heal.CrashLoopGuard;
import dev.gantry.heal.Watch;
import dev.gantry.pipeline.RunOutcome;
import dev.gantry.wiring.InstallationParts;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gantry watch}: keeps the routes of every live service on its running replicas and rolls back a release that
 * keeps crashing, in the foreground, until stopped (Ctrl-C): the watch of {@code gantry server}, for installations
 * without the server (docs/swarm.md#routes-follow-the-replicas). A rollback runs on the watch's thread: routes of
 * other services wait for it.
 */
@Command(name = "watch", description = "Keep every live service's routes on its running, healthy replicas and roll"
        + " back a release that keeps crashing, until stopped.")
final class WatchCommand implements Callable<Integer> {
    @Option(names = "--interval", paramLabel = "MILLISECONDS", defaultValue = "500",
            description = "Time between two looks at the replicas (default: ${DEFAULT-VALUE}).")
    long intervalMillis;

    @Override
    public Integer call() throws InterruptedException {
        if (intervalMillis < 100 || intervalMillis > 60_000) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--interval should be from 100 to 60000 milliseconds, was " + intervalMillis);
        }
        var stopped = new CountDownLatch(1);
        try (InstallationParts parts = InstallationParts.open()) {
            var progress = new ProgressPrinter(new PrintWriter(System.out, true));
            CrashLoopGuard.Rollback rollback = (service, reason) -> {
                try {
                    RunOutcome outcome = parts.pipeline(progress, Duration.ZERO).rollback(service, reason);
                    progress.succeeded(outcome);
                } catch (GantryException e) {
                    System.out.println("error: the rollback of " + service + " failed: " + e.getMessage());
                }
            };
            try (var watch = Watch.start(parts.routeKeeper(System.out::println),
                    parts.crashLoopGuard(rollback, System.out::println), Duration.ofMillis(intervalMillis), System.out)) {
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                stopped.await();
            }
        }
        return 0;
    }
}
