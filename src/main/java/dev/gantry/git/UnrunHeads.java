package dev.gantry.git;

import dev.gantry.server.GantryServer;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import dev.gantry.store.KnownService;
import dev.gantry.store.Runs;
import dev.gantry.store.ServiceRows;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * What a stopped server took but never ran (docs/server.md): every trigger (a push, a webhook, a poll)
 * puts its commit on the service's branch in the server's repository before it queues the run, and a
 * server that stops cancels its queued runs. So at start, a branch head with no run in the store, in
 * any state, is queued again. A head that ran, failed or not, is left alone.
 */
public final class UnrunHeads {
    private final PushedRepos repos;
    private final ServiceRows services;
    private final Runs runs;
    private final RunQueue queue;
    private final PrintStream log;

    UnrunHeads(PushedRepos repos, ServiceRows services, Runs runs, RunQueue queue, PrintStream log) {
        this.repos = repos;
        this.services = services;
        this.runs = runs;
        this.queue = queue;
        this.log = log;
    }

    /**
     * Queues once, as the server starts, the unrun heads of the repositories under {@code root} (the
     * git endpoint's) of the services of {@code services}, that {@code runs} has no run of, on
     * {@code queue}; problems go to {@code log}. Nothing is left running.
     */
    public static GantryServer.Task start(Path root, ServiceRows services, Runs runs, RunQueue queue,
            PrintStream log) {
        new UnrunHeads(new PushedRepos(root, services), services, runs, queue, log).queueAll();
        return () -> { };
    }

    /** Queues the head of each known service's branch that never ran; problems are logged, one line each. */
    void queueAll() {
        for (KnownService service : services.all()) {
            try {
                unrunHead(service).ifPresent(head -> queue(service, head));
            } catch (RuntimeException e) {
                log.println("warning: " + service.name() + ": the head of branch " + service.branch()
                        + " of its repository is not run: " + e.getMessage());
            }
        }
        log.flush();
    }

    private Optional<String> unrunHead(KnownService service) {
        if (!Files.isDirectory(repos.path(service.name()))) {
            return Optional.empty();  // nothing was ever pushed or fetched for it
        }
        try (Repository repo = repos.open(service)) {
            return Optional.ofNullable(repo.exactRef(Constants.R_HEADS + service.branch())).map(Ref::getObjectId)
                    .map(ObjectId::name).filter(head -> !runs.ran(service.name(), head));
        } catch (IOException e) {
            throw new PushException("Reading " + repos.path(service.name()) + " failed: " + e.getMessage(), e);
        }
    }

    private void queue(KnownService service, String head) {
        ServiceSource source;
        try (Repository repo = repos.open(service)) {
            source = ServiceDirectory.find(repo, repos.path(service.name()), service.name(), head);
        }
        QueuedRun run = queue.submit(RunRequest.run(service.name(), source, "server start (head of "
                + service.branch() + " never ran)", RunListener.SILENT));
        log.println(service.name() + ": " + head.substring(0, 12) + ", the head of branch " + service.branch()
                + ", was taken but never ran; queued its run as q" + run.id());
    }
}
