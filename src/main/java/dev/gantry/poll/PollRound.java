package dev.gantry.poll;

import dev.gantry.config.MaskedUrl;
import dev.gantry.git.RemoteFetch;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import dev.gantry.store.KnownService;
import dev.gantry.store.ServiceRows;
import dev.gantry.trigger.QueueClosedException;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.util.Optional;

/**
 * One round of polling (docs/polling.md): for each known service with a remote, the head of its branch
 * there; a head the server's repository does not hold yet is fetched and queued as a run. A head it
 * holds (queued before, or pushed to the git endpoint) is left alone, so no commit is queued twice.
 */
final class PollRound implements Runnable {
    private final ServiceRows services;
    private final RemoteFetch fetch;
    private final RunQueue queue;
    private final PollProblems problems;

    PollRound(ServiceRows services, RemoteFetch fetch, RunQueue queue, PollProblems problems) {
        this.services = services;
        this.fetch = fetch;
        this.queue = queue;
        this.problems = problems;
    }

    /** Polls every service with a remote, as the store lists them now. */
    @Override
    public void run() {
        for (KnownService service : services.all()) {
            if (service.remote().isEmpty()) {
                continue;
            }
            try {
                headOf(service).ifPresent(head -> queueIfNew(service, head));
            } catch (QueueClosedException e) {
                return;  // the server is stopping
            }
        }
    }

    private Optional<String> headOf(KnownService service) {
        String remote = MaskedUrl.mask(service.remote().orElseThrow());
        Optional<String> head;
        try {
            head = fetch.remoteHead(service);
        } catch (RuntimeException e) {
            problems.unreachable(service.name(), e.getMessage());
            return Optional.empty();
        }
        problems.reachable(service.name(), remote);
        if (head.isEmpty()) {
            problems.notQueued(service.name(), "branch " + service.branch() + " is not on " + remote
                    + "; nothing to deploy until it is pushed there (or fix the branch: gantry service add "
                    + service.name() + " --remote URL --branch BRANCH)");
        }
        return head;
    }

    private void queueIfNew(KnownService service, String head) {
        try {
            if (fetch.holds(service, head)) {
                return;
            }
            String remote = MaskedUrl.mask(service.remote().orElseThrow());
            ServiceSource source = fetch.fetch(service, head);
            QueuedRun run = queue.submit(RunRequest.run(service.name(), source, "poll (" + remote + ")",
                    RunListener.SILENT));
            problems.queued(service.name(), "polling " + service.name() + ": branch " + service.branch() + " of "
                    + remote + " is at " + head.substring(0, 12) + "; queued its run as q" + run.id());
        } catch (QueueClosedException e) {
            throw e;
        } catch (RuntimeException e) {
            problems.notQueued(service.name(), head.substring(0, 12) + " is not deployed: " + e.getMessage());
        }
    }
}
