package dev.gantry.webhook;

import dev.gantry.git.RemoteFetch;
import dev.gantry.pipeline.RunListener;
import dev.gantry.pipeline.ServiceSource;
import dev.gantry.store.KnownService;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.io.PrintStream;

/**
 * The work a webhook starts for one service, off the request thread (a fetch can take longer than a
 * forge waits): fetch the commit from the service's remote, then queue its run; failures go to the log.
 */
record FetchAndRun(RemoteFetch fetch, RunQueue queue, KnownService service, String commit, String trigger,
                   PrintStream log) implements Runnable {
    @Override
    public void run() {
        try {
            ServiceSource source = fetch.fetch(service, commit);
            QueuedRun run = queue.submit(RunRequest.run(service.name(), source, trigger, RunListener.SILENT));
            log.println("webhook: " + trigger + ": queued the run of " + commit + " of " + service.name() + " as q"
                    + run.id());
        } catch (RuntimeException e) {
            log.println("warning: " + trigger + ": " + commit + " of " + service.name() + " not run: "
                    + e.getMessage());
        }
        log.flush();
    }
}
