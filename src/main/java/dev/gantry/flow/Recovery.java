package dev.gantry.flow;

import dev.gantry.GantryException;
import dev.gantry.config.ServiceConfig;
import dev.gantry.deploy.Deployment;
import dev.gantry.deploy.Effect;
import dev.gantry.deploy.Labels;
import dev.gantry.deploy.Production;
import dev.gantry.deploy.RetireColour;
import dev.gantry.deploy.RunJournal;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.Engine;
import dev.gantry.engine.LogSink;
import dev.gantry.engine.NetworkState;
import dev.gantry.image.ImageReference;
import dev.gantry.lock.DeployLocks;
import dev.gantry.lock.HeldLock;
import dev.gantry.lock.LockHeldException;
import dev.gantry.lock.Owner;
import dev.gantry.notify.Notifier;
import dev.gantry.stage.RunListener;
import dev.gantry.store.RunRecord;
import dev.gantry.store.RunState;
import dev.gantry.store.StageRecord;
import dev.gantry.store.StageState;
import dev.gantry.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finishes what a run left when its gantry process died (docs/journal-recovery-locks.md): from the
 * run journal, a run that had not passed its point of no return is undone; one that had has its
 * cleanup finished. Runs whose undo failed are tried again. A run is only touched while its
 * service's lock is held, so a live run of another process is never mistaken for a dead one.
 */
public final class Recovery {
    private final Store store;
    private final Engine cdEngine;
    private final Production production;
    private final RunListener listener;
    private final Notifier notifier;

    /**
     * Recovery of runs recorded in {@code store}, whose test containers ran on {@code cdEngine};
     * {@code notifier} hears how each recovered run ended.
     */
    public Recovery(Store store, Engine cdEngine, Production production, RunListener listener, Notifier notifier) {
        this.store = store;
        this.cdEngine = cdEngine;
        this.production = production;
        this.listener = listener;
        this.notifier = notifier;
    }

    /** True when some run may have left changes behind: the cheap check before any recovery. */
    public static boolean needed(Store store) {
        return !store.journal().unfinishedRuns().isEmpty();
    }

    /**
     * Recovers every unfinished run whose service's lock can be taken at once; services whose lock a
     * live run holds are left to it. Answers the runs recovered.
     */
    public List<Long> recoverAll(DeployLocks locks) {
        List<Long> recovered = new ArrayList<>();
        for (String service : unfinishedServices()) {
            try (HeldLock held = locks.acquire(service, "recovery of " + service, Duration.ZERO, lease -> { })) {
                recovered.addAll(recover(service));
            } catch (LockHeldException busy) {
                // a live gantry process runs this service; its own run finishes or recovers it
            }
        }
        return recovered;
    }

    /** Recovers the unfinished runs of {@code service}; the caller holds its lock. Answers the runs recovered. */
    public List<Long> recover(String service) {
        List<Long> recovered = new ArrayList<>();
        for (long runId : store.journal().unfinishedRuns()) {
            Optional<RunRecord> run = store.runs().find(runId);
            if (run.isPresent() && run.get().service().equals(service)) {
                recover(run.get());
                recovered.add(runId);
                run.get().config().ifPresent(config -> notifier.runEnded(store.runs(), runId,
                        ServiceConfig.parse(config, service + "/gantry.yml (from the store)").notifications()));
            }
        }
        return recovered;
    }

    private List<String> unfinishedServices() {
        return store.journal().unfinishedRuns().stream().map(id -> store.runs().find(id))
                .flatMap(Optional::stream).map(RunRecord::service).distinct().toList();
    }

    /**
     * Tries once more to finish the runs of {@code service} that need attention, holding its lock
     * ({@code gantry lock release}); answers the runs tried.
     */
    public List<Long> retry(String service, DeployLocks locks) {
        List<Long> tried = new ArrayList<>();
        try (HeldLock held = locks.acquire(service, "recovery of " + service, Duration.ZERO, lease -> { })) {
            for (RunRecord run : store.runs().needingAttention()) {
                if (run.service().equals(service)) {
                    recover(run);
                    tried.add(run.id());
                }
            }
        }
        return tried;
    }

    /** Recovers one run; whatever stops it marks the run as needing attention, told once. */
    private void recover(RunRecord run) {
        String by = "recovery by " + Owner.current().describe();
        LogSink log = line -> listener.warning("run " + run.id() + " of " + run.service() + ": " + line);
        String stage = run.stages().isEmpty() ? "its start" : run.stages().getLast().name();
        String outcome;
        try {
            var journal = new RunJournal(store.journal(), run.id(), run.service());
            Optional<Effect.ReleaseKept> kept = journal.entries().stream().map(RunJournal.Journaled::effect)
                    .filter(Effect.ReleaseKept.class::isInstance).map(Effect.ReleaseKept.class::cast).findFirst();
            removeTestContainers(run, log);
            stage = interruptedStage(run);
            outcome = kept.isPresent() ? finish(run, kept.get(), journal, stage, by, log)
                    : undo(run, journal, stage, by, log);
        } catch (GantryException e) {
            outcome = NeedsAttention.mark(store, run, Optional.of(stage), by + " could not finish it: " + e.getMessage());
        }
        listener.warning("recovered run " + run.id() + " of " + run.service() + ": " + outcome);
    }

    /**
     * A run past its point of no return: its cleanup is finished and it succeeded. A cleanup that
     * fails does not fail it (as in a run): the message says what to stop by hand.
     */
    private String finish(RunRecord run, Effect.ReleaseKept kept, RunJournal journal, String stage, String by,
                          LogSink log) {
        String cleanup;
        try {
            finishCleanup(run, kept, journal, log);
            cleanup = "; " + by + " finished the cleanup";
        } catch (GantryException e) {
            cleanup = "; " + by + " could not finish the cleanup: " + e.getMessage() + ". Stop the old colour by hand:"
                    + " docker ps --filter label=" + Labels.INSTALLATION + "=" + production.installation()
                    + " --filter label=" + Labels.SERVICE + "=" + run.service() + " --filter label=" + Labels.COLOUR
                    + "=" + kept.old().word();
        }
        store.runs().wentLive(run.id(), kept.live().word());
        String message = "its gantry process stopped during " + stage + ", after the release had passed" + cleanup;
        store.runs().finish(run.id(), RunState.SUCCEEDED, Optional.empty(), Optional.of(message));
        return message;
    }

    /** A run before its point of no return: its changes are undone and it failed. */
    private String undo(RunRecord run, RunJournal journal, String stage, String by, LogSink log) {
        if (journal.entries().stream().anyMatch(e -> e.entry().state().pending() && e.effect() instanceof Effect.TrafficRouted)) {
            production.proxy().start();
        }
        List<String> failures = journal.undo(production, by, log);  // as the undo step does
        String what = switch (run.state()) {
            case RUNNING -> "its gantry process stopped during " + stage;
            case NEEDS_ATTENTION -> "it failed" + run.failedStage().map(s -> " at " + s).orElse("")
                    + " and its changes could not all be undone at first";
            default -> run.message().orElse("it failed");
        };
        if (!failures.isEmpty()) {
            return NeedsAttention.mark(store, run, Optional.of(stage),
                    what + "; " + by + " could not undo: " + String.join("; ", failures));
        }
        String message = what + "; " + by + " undid its changes";
        store.runs().finish(run.id(), RunState.FAILED, run.failedStage().or(() -> Optional.of(stage)), Optional.of(message));
        return message;
    }

    /** Finishes the cleanup of a run that had passed; a failure is shown and thrown. */
    private void finishCleanup(RunRecord run, Effect.ReleaseKept kept, RunJournal journal, LogSink log) {
        if (kept.old() == null) {
            return;
        }
        ServiceConfig config = ServiceConfig.parse(run.config().orElseThrow(), run.service() + "/gantry.yml (from the store)");
        ImageReference image = ImageReference.parse(run.image().orElseThrow());
        var deployment = new Deployment(production.installation(), run.id(), config, run.commit(), image, image);
        try {
            new RetireColour(production).run(deployment, kept.old(), Duration.ZERO, journal, log);
        } catch (GantryException e) {
            log.line("finishing the cleanup failed: " + e.getMessage());
            throw e;
        }
    }

    /** Test containers and networks of the run (on the CD engine) outlive a killed gantry; they have no use any more. */
    private void removeTestContainers(RunRecord run, LogSink log) {
        var labels = Labels.testsOfRun(production.installation(), run.service(), run.id());
        for (ContainerState container : cdEngine.list(labels)) {
            cdEngine.remove(container.id());
            log.line("removed the test container " + container.name());
        }
        for (NetworkState network : cdEngine.networks(labels)) {
            cdEngine.removeNetwork(network.id());
            log.line("removed the test network " + network.name());
        }
    }

    /** The stage the run was in when its process stopped, marked as cancelled. */
    private String interruptedStage(RunRecord run) {
        for (StageRecord stage : run.stages()) {
            if (stage.state() == StageState.RUNNING) {
                store.runs().stageInterrupted(run.id(), stage.name(), "its gantry process stopped");
                return stage.name();
            }
        }
        return run.stages().isEmpty() ? "its start" : "the step after " + run.stages().getLast().name();
    }
}
