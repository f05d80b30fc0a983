package dev.gantry.server;

import dev.gantry.config.Installation;
import dev.gantry.deploy.Production;
import dev.gantry.logs.ServiceLogs;
import dev.gantry.store.InstallationId;
import dev.gantry.store.Store;
import dev.gantry.traffic.RequestCollector;
import dev.gantry.trigger.RunExecutor;
import dev.gantry.trigger.RunQueue;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * {@code gantry server} (docs/server.md): serves the API and runs the queue until SIGTERM (the store
 * it is given was opened first, which recovered what a stopped gantry left unfinished); then it takes
 * no new runs, lets the running ones finish for up to {@link #STOP_GRACE}, and exits. A run still going
 * then is recovered at the next start.
 */
public final class GantryServer {
    /** How long a stopping server waits for its running runs. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final Installation installation;
    private final InstallationId installationId;
    private final RunQueue queue;
    private final ApiServer http;
    private final PrintStream log;
    private final Production production;
    private final Store store;
    private final RunMetrics metrics = new RunMetrics();
    private List<Task> tasks = List.of();

    /** Makes a {@link ApiServer.Mount} that needs the server's parts (the git endpoint: tokens, queue). */
    public interface MountFactory {
        /**
         * The mount for the server whose API tokens are {@code tokens}, whose run queue is {@code queue} and whose
         * streams take one of {@code streams}' slots each.
         */
        ApiServer.Mount create(ApiTokens tokens, RunQueue queue, StreamSlots streams);
    }

    /** Work the server does beside answering requests (polling remotes): started once it listens, stopped first. */
    public interface Task {
        /** Stops the work; a part in progress may be cut short. */
        void stop();
    }

    /** Starts a {@link Task} that needs the server's parts. */
    public interface TaskFactory {
        /** Starts the task for the server whose run queue is {@code queue}; it logs on {@code log}. */
        Task start(RunQueue queue, PrintStream log);
    }

    /**
     * The server of {@code installation} (its server settings), answering from {@code store} and
     * {@code production}, running its queue's requests with {@code executor}, with more endpoints
     * ({@code mounts}, like the git endpoint), reading a service's logs with {@code serviceLogs}; it logs on {@code log}.
     */
    public GantryServer(Installation installation, Store store, Production production, RunExecutor executor,
            List<MountFactory> mounts, Function<String, ServiceLogs> serviceLogs, PrintStream log) {
        this.installation = installation;
        this.installationId = production.installation();
        this.log = log;
        this.production = production;
        this.store = store;
        this.queue = new RunQueue(executor, installation.serverParallelRuns(),
                installation.serverSupersede(), installation.serverLimits().queuedRuns(), metrics, installation.output());
        metrics.watch(queue);
        metrics.watch(production.discovery());
        var tokens = new ApiTokens(store.apiTokens());
        var streams = new StreamSlots(installation.serverLimits().logStreams());
        var api = new ApiRoutes(store, production, queue, installation.registry(), tokens, streams, serviceLogs);
        this.http = new ApiServer(tokens, api.routes(), metrics,
                mounts.stream().map(factory -> factory.create(tokens, queue, streams)).toList(), log);
    }

    /**
     * Runs the server on {@code addr} (HOST:PORT; null: the installation's server-addr) with background
     * {@code tasks} (like polling remotes) until the process is told to stop; then {@code closeParts}
     * closes what the server was given. With {@code prometheusTargets}, it lists itself and the nodes of production
     * there for Prometheus while it runs ({@link PrometheusTargets}, {@link NodeTargets}). Answers the exit code.
     */
    public int serve(String addr, Optional<Path> prometheusTargets, List<TaskFactory> tasks, Runnable closeParts,
            PrintStream out) {
        ListenAddress listen = ListenAddress.parse(addr == null ? installation.serverAddr() : addr);
        http.start(listen.host(), listen.port());
        Optional<PrometheusTargets> self = prometheusTargets.map(dir -> PrometheusTargets.in(dir, "gantry-" + installationId.value()));
        Optional<NodeTargets> nodes;
        try {
            self.ifPresent(file -> file.write(List.of(new PrometheusTargets.Group(List.of(listen.withPort(http.port())),
                    Map.of("installation", installationId.value())))));
            nodes = prometheusTargets.map(dir -> NodeTargets.start(dir, installationId, production.engine(),
                    warning -> log.println("warning: " + warning)));
        } catch (PrometheusTargets.TargetException e) {
            self.ifPresent(PrometheusTargets::remove);
            http.stop();
            throw e;
        }
        this.tasks = tasks.stream().map(factory -> factory.start(queue, log)).toList();
        var requests = RequestCollector.start(production.proxy().requests(), production.discovery(),
                store.requestFigures(), metrics.registry(), warning -> log.println("warning: " + warning));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            self.ifPresent(PrometheusTargets::remove);
            nodes.ifPresent(NodeTargets::close);
            requests.close();
            stop(closeParts);
            stopped.countDown();
        }, "gantry-server-stop"));
        out.println("gantry server listening on http://" + listen.withPort(http.port()));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void stop(Runnable closeParts) {
        tasks.forEach(Task::stop);
        log.println("gantry server stopping: no new runs; waiting up to " + STOP_GRACE.toSeconds()
                + "s for the running ones");
        try {
            if (!queue.shutdown(STOP_GRACE)) {
                log.println("warning: runs still going after " + STOP_GRACE.toSeconds() + "s are left to the next"
                        + " start, which recovers them from their journal");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop();
        closeParts.run();
        log.println("gantry server stopped");
        log.flush();
    }
}
