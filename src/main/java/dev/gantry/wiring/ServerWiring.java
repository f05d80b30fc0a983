package dev.gantry.wiring;

import dev.gantry.autoscale.Autoscaler;
import dev.gantry.config.Installation;
import dev.gantry.git.GitEndpoint;
import dev.gantry.git.RemoteFetch;
import dev.gantry.git.UnrunHeads;
import dev.gantry.handoff.HandedRun;
import dev.gantry.handoff.HandoffServer;
import dev.gantry.handoff.HandoffSocket;
import dev.gantry.pipeline.Pipeline;
import dev.gantry.poll.RemotePolling;
import dev.gantry.heal.CrashLoopGuard;
import dev.gantry.heal.Watch;
import dev.gantry.server.GantryServer;
import dev.gantry.server.PipelineExecutor;
import dev.gantry.secret.Vault;
import dev.gantry.stage.RunListener;
import dev.gantry.store.Store;
import dev.gantry.trigger.RunRequest;
import dev.gantry.ui.UiMount;
import dev.gantry.webhook.WebhookCredentials;
import dev.gantry.webhook.WebhookEndpoint;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code gantry server} put together from the installation's parts: the API, the git endpoint, the
 * webhooks and the web UI, the unrun heads queued at start, the polling of remotes and the route keeper, each given the narrow parts it
 * uses. Its classes (Javalin, Jetty, Micrometer) load only when this runs.
 */
public final class ServerWiring {
    private ServerWiring() {
    }

    /**
     * Opens the installation (warnings on {@code log}) and its store, which recovers the runs a stopped
     * gantry process left unfinished, then serves on {@code addr} (HOST:PORT; null: server-addr) until
     * the process is told to stop; answers the exit code. With {@code prometheusTargets} the server lists itself there
     * for Prometheus' file-based discovery while it runs. The runs a {@code gantry run} hands over are run by
     * {@code handedRuns} in these parts (docs/server.md, "Runs handed to the server").
     */
    public static int serve(String addr, Optional<Path> prometheusTargets, PrintStream out, PrintStream log,
            Function<InstallationParts, HandedRun> handedRuns) {
        InstallationParts parts = InstallationParts.open(log);
        Installation installation = parts.installation;
        Store store = parts.store();
        Path repos = installation.home().resolve("repos");
        var fetch = new RemoteFetch(repos, store.services(), installation.gitLimits());
        var executor = new PipelineExecutor(parts::preflight, listener -> parts.pipeline(listener, Pipeline.LOCK_WAIT));
        List<GantryServer.MountFactory> mounts = List.of(
                (tokens, queue, streams) -> new GitEndpoint(tokens, repos, store.services(), queue, log,
                        installation.gitLimits(), installation.serverLimits().pushes()),
                (tokens, queue, streams) -> new WebhookEndpoint(WebhookCredentials.of(installation), store.services(), store.webhookDeliveries(),
                        fetch, queue, log),
                (tokens, queue, streams) -> new UiMount(tokens, queue, streams, store, parts.production().discovery(),
                        installation.registry(), Vault.of(installation.home(), store)::mask));
        List<GantryServer.TaskFactory> tasks = List.of(
                (queue, taskLog) -> UnrunHeads.start(repos, store.services(), store.runs(), queue, taskLog),
                (queue, taskLog) -> RemotePolling.start(installation.pollInterval(), store.services(), fetch, queue,
                        taskLog),
                (queue, taskLog) -> {
                    CrashLoopGuard.Rollback rollback = (service, reason) ->
                            queue.submit(RunRequest.rollback(service, reason, new RunListener() { }));
                    var watch = Watch.start(parts.routeKeeper(taskLog::println),
                            parts.crashLoopGuard(rollback, taskLog::println), Watch.INTERVAL, taskLog);
                    return watch::close;
                },
                (queue, taskLog) -> parts.startLogCollection(taskLog::println)::run,
                (queue, taskLog) -> Autoscaler.start(store, parts.discovery(), queue, taskLog)::interrupt,
                (queue, taskLog) -> {
                    Optional<HandoffServer> handoffs = HandoffSocket.of(System.getenv())
                            .flatMap(socket -> HandoffServer.start(socket, handedRuns.apply(parts), taskLog));
                    return () -> handoffs.ifPresent(HandoffServer::close);
                });
        var server = new GantryServer(installation, store, parts.production(), executor, mounts,
                service -> parts.serviceLogs(service, warning -> log.println("warning: " + service + " logs: " + warning)),
                log);
        return server.serve(addr, prometheusTargets, tasks, parts::close, out);
    }
}
