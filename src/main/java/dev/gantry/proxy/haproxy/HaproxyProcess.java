package dev.gantry.proxy.haproxy;

import dev.gantry.Wait;
import dev.gantry.proxy.Command;
import dev.gantry.proxy.ManagedProcess;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.ProxyUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The HAProxy master process Gantry manages: checked, started, reloaded through the master CLI
 * and stopped by the pid in its pid file, never by name.
 */
final class HaproxyProcess {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration SOFT_STOP = Duration.ofSeconds(15);

    private final HaproxyFiles files;
    private final ManagedProcess process;
    private final RuntimeApi admin;
    private final RuntimeApi master;

    HaproxyProcess(HaproxyFiles files) {
        this.files = files;
        this.process = new ManagedProcess("HAProxy", files.pidFile(), files.config().toString());
        this.admin = new RuntimeApi(files.adminSocket());
        this.master = new RuntimeApi(files.masterSocket());
    }

    Optional<Long> pid() {
        return process.pid();
    }

    RuntimeApi admin() {
        return admin;
    }

    /** Refuses a configuration {@code haproxy -c} rejects, so that a bad one never replaces a good one. */
    static void validate(Path config) {
        Command check = HaproxyCommands.check(config);
        Command.Outcome outcome = run(check);
        if (!outcome.succeeded()) {
            throw new ProxyException("HAProxy rejected the configuration Gantry rendered: " + outcome.describe()
                    + "\nThe running proxy keeps its previous configuration.");
        }
    }

    /** Starts the master with the configuration on disk and waits until both its sockets answer. */
    long start(int... ports) {
        run(HaproxyCommands.version());
        for (int port : ports) {
            requireFree(port);
        }
        long pid = process.start(HaproxyCommands.start(files).argv(), files.log());
        await(admin::answers, "HAProxy (pid " + pid + ") did not answer on " + files.adminSocket());
        await(() -> status().isPresent(), "HAProxy's master (pid " + pid + ") did not answer on " + files.masterSocket());
        return pid;
    }

    /** Reloads the configuration on disk (new workers; old ones finish their requests) and waits for it. */
    void reload() {
        MasterStatus before = MasterStatus.parse(master.send(List.of("show proc")));
        master.send(List.of("reload"));
        await(() -> status().map(s -> s.reloads() > before.reloads()).orElse(false),
                "HAProxy's master did not report the reload");
        MasterStatus after = status().orElseThrow();
        if (after.failedReloads() > before.failedReloads()) {
            throw new ProxyException("HAProxy failed to reload " + files.config() + ": "
                    + HaproxyFiles.lastLines(files.log()) + ". The previous workers keep serving.");
        }
        await(() -> after.workers().stream().anyMatch(worker -> workerAnswers(worker)),
                "HAProxy's new worker did not answer on " + files.adminSocket());
    }

    private boolean workerAnswers(long worker) {
        try {
            return admin.send(List.of("show info")).contains("Pid: " + worker + "\n");
        } catch (ProxyException notYet) {
            return false;
        }
    }

    /** The master CLI's {@code show proc}, read to learn how often it reloaded. */
    Optional<MasterStatus> status() {
        try {
            return Optional.of(MasterStatus.parse(master.send(List.of("show proc"))));
        } catch (ProxyException | IllegalArgumentException notNow) {
            return Optional.empty();
        }
    }

    /** Soft stop (SIGUSR1), then SIGTERM and SIGKILL if requests are still running after the deadline. */
    void stop() {
        pid().ifPresent(pid -> {
            run(HaproxyCommands.softStop(pid));
            try {
                ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(SOFT_STOP.toMillis(), TimeUnit.MILLISECONDS).join());
            } catch (RuntimeException stillRunning) {
                process.stop(Duration.ofSeconds(5));
            }
        });
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            String variable = "GANTRY_PROXY_HTTP_PORT (or GANTRY_PROXY_HTTPS_PORT for the HTTPS port)";
            throw new ProxyUnavailableException("HAProxy cannot listen on port " + port + ": " + e.getMessage()
                    + (port < 1024 ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE)" : " (another program uses it)")
                    + ". Stop that program, or set " + variable + " to a free port.", e);
        }
    }

    private static Command.Outcome run(Command command) {
        try {
            return command.run(DEADLINE);
        } catch (IOException e) {
            throw new ProxyUnavailableException("Cannot run " + command.argv().getFirst() + " (" + e.getMessage()
                    + "). Install HAProxy: apt-get install -y haproxy, or choose the other proxy with GANTRY_PROXY=nginx.", e);
        }
    }

    private static void await(BooleanSupplier condition, String failure) {
        if (!Wait.soon(failure, Duration.ofMillis(20), DEADLINE).until(condition::getAsBoolean, Boolean::booleanValue).met()) {
            throw new ProxyUnavailableException(failure + " within " + DEADLINE.toSeconds() + "s.");
        }
    }
}
