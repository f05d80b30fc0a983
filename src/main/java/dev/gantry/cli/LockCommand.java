package dev.gantry.cli;

import dev.gantry.ExitCode;
import dev.gantry.lock.DeployLocks;
import dev.gantry.lock.Lease;
import dev.gantry.lock.Owner;
import dev.gantry.store.RunState;
import dev.gantry.wiring.InstallationParts;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry lock status|release SERVICE}: the lock that lets one run per service at a time (docs/locks.md). */
@Command(name = "lock", description = "Show or release the lock that lets one run per service at a time.",
        subcommands = {LockCommand.Status.class, LockCommand.Release.class})
final class LockCommand {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** {@code gantry lock status [SERVICE]}. */
    @Command(name = "status", description = "Who holds the lock on SERVICE (default: every locked service), for"
            + " which run, since when, and whether its owner still runs.")
    static final class Status implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", description = "One service (default: all).")
        String service;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstallationParts parts = InstallationParts.open()) {
                var locks = new DeployLocks(parts.store());
                List<Lease> leases = service == null ? locks.all() : locks.status(service).stream().toList();
                if (leases.isEmpty()) {
                    out.println(service == null ? "No service is locked." : service + " is not locked.");
                }
                leases.forEach(lease -> show(out, lease, Instant.now()));
                return 0;
            }
        }
    }

    /** {@code gantry lock release SERVICE}. */
    @Command(name = "release", description = "Remove the lock on SERVICE whoever holds it: for a run whose gantry"
            + " process died on another host, or that you stopped. Then try once more the undo of SERVICE's runs"
            + " that need attention.")
    static final class Release implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The locked service.")
        String service;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (InstallationParts parts = InstallationParts.open()) {
                Optional<Lease> removed = new DeployLocks(parts.store()).release(service);
                if (removed.isEmpty()) {
                    out.println(service + " is not locked.");
                    return retryRunsNeedingAttention(parts, out);
                }
                Lease lease = removed.get();
                out.println("Released the lock on " + service + " held by " + lease.describe() + ".");
                Owner owner = lease.owner();
                if (owner.isHere() && !owner.isGoneHere()) {
                    out.println("warning: its owner, pid " + owner.pid() + ", still runs on this host. Its run goes"
                            + " on, finds the lock gone at its next renewal, and may overlap with the next run of "
                            + service + ". If it is stuck, stop it: kill " + owner.pid());
                } else if (!owner.isHere()) {
                    out.println("warning: its owner ran on " + owner.host() + ", where it may still run; if it"
                            + " does, its run may overlap with the next run of " + service + ".");
                }
                return owner.isGoneHere() ? retryRunsNeedingAttention(parts, out) : 0;
            }
        }

        /**
         * Runs of the service that need attention get their undo tried once more, now that the
         * person has fixed the cause (docs/journal-recovery-locks.md); exit 3 if one still needs it.
         */
        private int retryRunsNeedingAttention(InstallationParts parts, PrintWriter out) {
            List<Long> tried = parts.retryRunsNeedingAttention(service);
            var runs = parts.store().runs();
            boolean left = false;
            for (long runId : tried) {
                var run = runs.find(runId).orElseThrow();
                out.println("Run " + runId + " of " + service + ": " + run.state().word() + ".");
                left |= run.state() == RunState.NEEDS_ATTENTION;
            }
            return left ? ExitCode.ENVIRONMENT_UNUSABLE.code() : 0;
        }
    }

    private static void show(PrintWriter out, Lease lease, Instant now) {
        out.println(lease.service() + ": locked by " + lease.owner().describe() + ", " + owner(lease.owner()));
        out.println("  run:      " + (lease.runId() == 0 ? "not recorded yet" : lease.runId()));
        out.println("  message:  " + lease.message());
        out.println("  since:    " + WHEN.format(lease.acquiredAt()) + " (" + span(lease.acquiredAt(), now) + " ago)");
        out.println("  expires:  " + (lease.expiredAt(now)
                ? "expired " + span(lease.expiresAt(), now) + " ago: the next run takes the lock over"
                : "in " + span(now, lease.expiresAt()) + ", unless its owner renews it (it does while it runs)"));
    }

    private static String owner(Owner owner) {
        if (!owner.isHere()) {
            return "on another host (whether it still runs cannot be seen from here)";
        }
        return owner.isGoneHere() ? "which no longer runs on this host: the next run takes the lock over at once"
                : "which is alive on this host";
    }

    /** {@code 25s}, {@code 3m 12s}, {@code 2h 5m}. */
    static String span(Instant from, Instant to) {
        long seconds = Math.max(0, Duration.between(from, to).toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }
}
