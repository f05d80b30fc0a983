package dev.gantry.git;

import dev.gantry.Printable;
import dev.gantry.pipeline.RunOutcome;
import dev.gantry.server.TokenWatch;
import dev.gantry.source.ServiceSource;
import dev.gantry.stage.RunListener;
import dev.gantry.store.KnownService;
import dev.gantry.trigger.Progress;
import dev.gantry.trigger.ProgressFeed;
import dev.gantry.trigger.QueuedRun;
import dev.gantry.trigger.RunQueue;
import dev.gantry.trigger.RunRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.transport.PostReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * After a push stored its refs: a push to the service's branch queues a run of the new commit and
 * tells the pusher its progress as {@code remote:} lines until it ends (or {@link #DEADLINE} passes);
 * a push to another branch is only stored, and says so. A pusher that goes away stops the following,
 * not the run: it was queued on its own, and goes on to its end. So does a token revoked or expired
 * while it follows (checked every {@link TokenWatch#EVERY}): its last line says so.
 */
final class DeployOnPush implements PostReceiveHook {
    /** How long a push waits for its run; the run goes on after that, followed in the API. */
    static final Duration DEADLINE = Duration.ofMinutes(30);
    private static final Duration QUIET = Duration.ofSeconds(15);

    private final RunQueue queue;
    private final KnownService service;
    private final Path bare;
    private final String tokenName;
    private final PusherConnection pusher;
    private final PrintStream log;
    private final Supplier<Optional<String>> withdrawn;

    /** Deploys pushes to {@code service} (stored in {@code bare}) by {@code tokenName}, telling {@code pusher}. */
    DeployOnPush(RunQueue queue, KnownService service, Path bare, String tokenName, PusherConnection pusher,
                 PrintStream log) {
        this(queue, service, bare, tokenName, pusher, log, Optional::empty);
    }

    /** The same; {@code withdrawn} says why the pusher's token no longer holds, which ends the following. */
    DeployOnPush(RunQueue queue, KnownService service, Path bare, String tokenName, PusherConnection pusher,
                 PrintStream log, Supplier<Optional<String>> withdrawn) {
        this.queue = queue;
        this.service = service;
        this.bare = bare;
        this.tokenName = tokenName;
        this.pusher = pusher;
        this.log = log;
        this.withdrawn = withdrawn;
    }

    @Override
    public void onPostReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        String deployRef = Constants.R_HEADS + service.branch();
        Optional<ReceiveCommand> deploy = commands.stream().filter(c -> c.getRefName().equals(deployRef)
                && c.getType() != ReceiveCommand.Type.DELETE).findFirst();
        for (ReceiveCommand c : commands) {
            if (c.getType() == ReceiveCommand.Type.DELETE) {
                say(rp, "gantry: deleted " + c.getRefName() + "; nothing deployed");
            } else if (!c.getRefName().equals(deployRef)) {
                say(rp, "gantry: stored " + c.getRefName() + "; not deployed: " + service.name() + " deploys branch "
                        + service.branch());
            }
        }
        deploy.ifPresent(command -> run(rp, command.getNewId().name()));
    }

    private void run(ReceivePack rp, String commit) {
        QueuedRun run;
        try {
            ServiceSource source = ServiceDirectory.find(rp.getRepository(), bare, service.name(), commit);
            run = queue.submit(RunRequest.run(service.name(), source, "git push (token " + tokenName + ")",
                    RunListener.SILENT));
        } catch (RuntimeException e) {
            say(rp, "gantry: " + commit.substring(0, 12) + " is stored but not deployed: " + e.getMessage());
            return;
        }
        say(rp, "gantry: deploying " + commit.substring(0, 12) + " of " + service.name() + " (queued as q"
                + run.id() + ")");
        follow(rp, run);
    }

    private void follow(ReceivePack rp, QueuedRun run) {
        RemoteLines lines = new RemoteLines();
        Instant started = Instant.now();
        Instant until = started.plus(DEADLINE);
        Instant quietSince = started;
        try (ProgressFeed feed = run.subscribe()) {
            while (Instant.now().isBefore(until)) {
                if (pusher.gone()) {
                    log.println("git push of " + service.name() + " by token " + tokenName + ": the pusher went away;"
                            + " queued run q" + run.id() + " goes on without it");
                    return;
                }
                Optional<String> why = withdrawn.get();
                if (why.isPresent()) {
                    say(rp, "gantry: " + why.get() + ", so this push stops following run q" + run.id() + "; the run"
                            + " goes on (follow it with a valid token: GET /api/v1/runs/q" + run.id() + ")");
                    return;
                }
                Optional<Progress> event = feed.next(TokenWatch.EVERY);
                if (event.isEmpty()) {
                    if (Duration.between(quietSince, Instant.now()).compareTo(QUIET) >= 0) {
                        say(rp, lines.stillRunning(Duration.between(started, Instant.now()).toSeconds()));
                        quietSince = Instant.now();
                    }
                    continue;
                }
                quietSince = Instant.now();
                lines.of(event.get()).forEach(line -> say(rp, line));
                if (event.get() instanceof Progress.End end) {
                    say(rp, RemoteLines.result(end.runId(), end.succeeded(), run.failedStage().orElse(""),
                            end.message(), run.outcome().map(RunOutcome::url).orElse("")));
                    if (end.state().equals(QueuedRun.State.CANCELLED.word())) {
                        say(rp, "gantry: the commit is stored; when the server starts again it runs the head of "
                                + service.branch() + " if that never ran (docs/server.md): no need to push again");
                    }
                    return;
                }
            }
            say(rp, "the run goes on after " + DEADLINE.toMinutes() + " minutes; follow it with"
                    + " `gantry history " + service.name() + "` or GET /api/v1/runs/q" + run.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends {@code line} at once, made {@link Printable}: it may carry a ref name, a commit's title, a
     * stage's output or a remote's message, and the pusher's terminal shows it as it is. JGit swallows
     * a failure, which {@link PusherConnection#gone()} remembers.
     */
    private static void say(ReceivePack rp, String line) {
        rp.sendMessage(Printable.of(line));
        try {
            rp.getMessageOutputStream().flush();
        } catch (IOException e) {
            // not thrown: JGit's message stream swallows it; PusherConnection remembers it
        }
    }
}
