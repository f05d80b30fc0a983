package dev.gantry.cli;

import dev.gantry.heal.RouteWatch;
import dev.gantry.wiring.InstallationParts;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gantry watch}: keeps the routes of every live service on its running replicas, in the foreground,
 * until stopped (Ctrl-C): the route keeper of {@code gantry server}, for installations without the server
 * (docs/swarm.md#routes-follow-the-replicas).
 */
@Command(name = "watch", description = "Keep every live service's routes on its running, healthy replicas until stopped.")
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
        try (InstallationParts parts = InstallationParts.open();
             var watch = RouteWatch.start(parts.routeKeeper(System.out::println), Duration.ofMillis(intervalMillis), System.out)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }
}
