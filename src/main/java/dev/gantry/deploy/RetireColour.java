package dev.gantry.deploy;

import dev.gantry.discovery.Colour;
import dev.gantry.engine.LogSink;
import java.time.Duration;
import java.util.List;

/**
 * Retires the colour live before (the cleanup step, {@code flow/Cleanup}): after the drain time, the
 * orchestrator stops the old colour's replicas, the colour is deregistered, and the orchestrator tidies
 * up (what this run set aside, releases beyond {@code keep-releases}). Every step is journaled (for the
 * audit log) and may run again: recovery finishes a cleanup that a crash interrupted.
 */
public final class RetireColour {
    private final Production production;

    public RetireColour(Production production) {
        this.production = production;
    }

    /** Retires {@code old}, the colour that was live before {@code deployment}, after waiting {@code drain}. */
    public void run(Deployment deployment, Colour old, Duration drain, RunJournal journal, LogSink log) {
        String service = deployment.service();
        log.line("draining " + service + " " + old.word() + " for " + drain.toMillis() + " ms");
        pause(drain);
        production.orchestrator().stop(deployment, old, journal, log);
        journal.record(new Effect.ColourDeregistered(service, old), () -> production.discovery().remove(service, old));
        log.line("deregistered " + service + " " + old.word());
        production.orchestrator().tidy(deployment, journal, log);
    }

    /** Waits out the drain; a stopped stage (its deadline passed) ends here, failed, before it stops anything. */
    static void pause(Duration drain) {
        try {
            Thread.sleep(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailedException("interrupted while the old colour drained; it was not stopped", List.of());
        }
    }
}
