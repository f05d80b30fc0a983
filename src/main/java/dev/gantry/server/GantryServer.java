package dev.gantry.server;

import dev.gantry.config.Installation;
import dev.gantry.pipeline.Environment;
import dev.gantry.stage.RunListener;
import dev.gantry.trigger.RunQueue;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code gantry server} (docs/server.md): recovers what a stopped gantry left unfinished, then serves
 * the API and runs the queue until SIGTERM; then it takes no new runs, lets the running ones finish
 * for up to {@link #STOP_GRACE}, and exits. A run still going then is recovered at the next start.
 */
public final class GantryServer {
    /** How long a stopping server waits for its running runs. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final Environment env;
    private final RunQueue queue;
    private final ApiServer http;
    private List<Task> tasks = List.of();

    /** Makes a {@link ApiServer.Mount} that needs the server's parts (the git endpoint: tokens, store, queue). */
    public interface MountFactory {
        /** The mount for the server of {@code env}, its {@code tokens} and its run {@code queue}. */
        ApiServer.Mount create(Environment env, ApiTokens tokens, RunQueue queue);
    }

    /** Work the server does beside answering requests (polling remotes): started once it listens, stopped first. */
    public interface Task {
        /** Stops the work; a part in progress may be cut short. */
        void stop();
    }

    /** Starts a {@link Task} that needs the server's parts. */
    public interface TaskFactory {
        /** Starts the task for the server of {@code env} and its run {@code queue}; it logs on {@code log}. */
        Task start(Environment env, RunQueue queue, PrintStream log);
    }

    private GantryServer(Environment env, List<MountFactory> mounts, PrintStream log) {
        this.env = env;
        Installation installation = env.installation;
        var metrics = new RunMetrics();
        this.queue = new RunQueue(new PipelineExecutor(env), installation.serverParallelRuns(),
                installation.serverSupersede(), installation.serverLimits().queuedRuns(), metrics, installation.output());
        metrics.watch(queue);
        var tokens = new ApiTokens(env.store().apiTokens());
        var api = new ApiRoutes(env.store(), env.production(), queue, installation.registry(), tokens,
                installation.serverLimits().logStreams());
        this.http = new ApiServer(tokens, api.routes(), metrics,
                mounts.stream().map(factory -> factory.create(env, tokens, queue)).toList(), log);
    }

    /**
     * Runs the server on {@code addr} (HOST:PORT; null: the installation's server-addr) with more
     * endpoints ({@code mounts}, like the git endpoint) and background {@code tasks} (like polling
     * remotes) until the process is told to stop; answers the exit code.
     */
    public static int serve(String addr, List<MountFactory> mounts, List<TaskFactory> tasks, PrintStream out,
            PrintStream log) {
        RunListener warnings = new RunListener() {
            @Override
            public void warning(String message) {
                log.println("warning: " + message);
            }
        };
        Environment env = Environment.load(Installation.load(System.getenv(), warnings::warning), warnings);
        env.store();  // opening the store recovers the runs a stopped gantry process left unfinished
        ListenAddress listen = ListenAddress.parse(addr == null ? env.installation.serverAddr() : addr);
        GantryServer server = new GantryServer(env, mounts, log);
        server.http.start(listen.host(), listen.port());
        server.tasks = tasks.stream().map(factory -> factory.start(env, server.queue, log)).toList();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(log);
            stopped.countDown();
        }, "gantry-server-stop"));
        out.println("gantry server listening on http://" + listen.withPort(server.http.port()));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void stop(PrintStream log) {
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
        env.close();
        log.println("gantry server stopped");
        log.flush();
    }
}
