package dev.gantry.webhook;

import dev.gantry.git.RemoteFetch;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import dev.gantry.store.KnownService;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * The work a webhook starts for one service, off the request thread (a fetch can take longer than a
 * forge waits): fetch the branch from the service's remote and, only if the commit is its head there
 * now, queue its run. What happened goes to the server's log, and back to the delivery's answer if it
 * is ready in time.
 */
record FetchAndRun(RemoteFetch fetch, RunQueue queue, KnownService service, String commit, String trigger,
                   PrintStream log) implements Callable<FetchAndRun.Outcome> {

    /** What became of the commit for the service: queued as a run, or not run and why. */
    record Outcome(String service, boolean queued, String message) {
    }

    @Override
    public Outcome call() {
        Outcome outcome;
        try {
            ServiceSource source = fetch.fetchHead(service, commit);
            QueuedRun run = queue.submit(RunRequest.run(service.name(), source, trigger, RunListener.SILENT));
            outcome = new Outcome(service.name(), true, "queued the run of " + commit + " as q" + run.id());
            log.println("webhook: " + trigger + ": queued the run of " + commit + " of " + service.name() + " as q"
                    + run.id());
        } catch (RuntimeException e) {
            outcome = new Outcome(service.name(), false, String.valueOf(e.getMessage()));
            log.println("warning: " + trigger + ": " + commit + " of " + service.name() + " not run: "
                    + e.getMessage());
        }
        log.flush();
        return outcome;
    }
}
