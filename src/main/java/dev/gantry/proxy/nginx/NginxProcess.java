package dev.gantry.proxy.nginx;

import dev.gantry.Wait;
import dev.gantry.proxy.Certificate;
import dev.gantry.proxy.Command;
import dev.gantry.proxy.ManagedProcess;
import dev.gantry.proxy.ProxyUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The nginx master process Gantry owns: its files are written and validated before it starts, it
 * is found again through its pid file, and it is stopped by that pid only.
 */
final class NginxProcess {
    private static final Duration TEST_DEADLINE = Duration.ofSeconds(30);
    /** Longer than worker_shutdown_timeout in nginx.conf, after which nginx closes what is left itself. */
    private static final Duration QUIT_DEADLINE = Duration.ofSeconds(35);
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(5);

    private final NginxFiles files;
    private final ManagedProcess managed;

    NginxProcess(NginxFiles files) {
        this.files = files;
        this.managed = new ManagedProcess("nginx", files.pidFile(), files.conf().toString());
    }

    Optional<Long> pid() {
        return managed.pid();
    }

    /**
     * Writes nginx.conf and the Lua module, validates them with {@code nginx -t} (a configuration nginx
     * refuses never replaces the previous one) and starts nginx. The route table must be in routes.txt.
     */
    void start(int httpPort, int httpsPort) {
        NginxConf conf = prepare(httpPort, httpsPort);
        long logSize = size(files.startLog());
        try {
            managed.start(NginxCommands.start(files).argv(), files.startLog());
        } catch (ProxyUnavailableException e) {
            throw StartFailure.explain("Starting nginx (" + NginxCommands.start(files) + ")",
                    readFrom(files.startLog(), logSize), conf, files);
        }
        AdminSocket.restrict(files);
    }

    /**
     * Renders and validates the configuration again and has the running nginx read it (SIGHUP), for an
     * nginx whose admin socket is missing: one started by a Gantry version that listened on a loopback
     * TCP port, which anyone on the host could reach. The route table survives (the shared dict does);
     * idle keep-alive connections are closed once, as with any reload (docs/proxy-nginx.md).
     */
    void reload(int httpPort, int httpsPort) {
        long pid = pid().orElseThrow(() -> new ProxyUnavailableException("nginx stopped while Gantry was reloading it;"
                + " the next gantry command starts it again."));
        prepare(httpPort, httpsPort);
        try {
            NginxCommands.reload(pid).run(KILL_DEADLINE);
        } catch (IOException e) {
            throw new ProxyUnavailableException("Sending SIGHUP to nginx (pid " + pid + ") failed: " + e.getMessage(), e);
        }
        AdminClient admin = new AdminClient(files.adminSocket());
        if (!Wait.soon("nginx's admin socket", Duration.ofMillis(20), TEST_DEADLINE)
                .until(() -> Files.exists(files.adminSocket()) && admin.answers(), Boolean::booleanValue).met()) {
            throw new ProxyUnavailableException("nginx (pid " + pid + ") did not open its admin socket "
                    + files.adminSocket() + " within " + TEST_DEADLINE.toSeconds() + "s of a reload; see "
                    + files.errorLog() + ". Stop it (kill -QUIT " + pid + ") and run gantry again.");
        }
        AdminSocket.restrict(files);
    }

    /** Writes and validates nginx.conf, its Lua module and the admin socket's directory. */
    private NginxConf prepare(int httpPort, int httpsPort) {
        prepareDirectories();
        AdminSocket.prepare(files);
        // relative to the prefix: nginx.conf names it unquoted, and GANTRY_HOME may hold any character
        String certificate = files.dir().relativize(Certificate.ensure(files.proxyDir())).toString();
        NginxConf conf = new NginxConf(httpPort, httpsPort, files.adminSocket(), certificate);
        NginxFiles.write(files.candidateConf(), conf.render());
        validate(conf);
        NginxFiles.move(files.candidateConf(), files.conf());
        try {
            Files.deleteIfExists(files.legacyAdminPortFile());
        } catch (IOException e) {
            throw new ProxyUnavailableException("Removing " + files.legacyAdminPortFile() + " failed: " + e.getMessage(), e);
        }
        return conf;
    }

    private void validate(NginxConf conf) {
        Command test = NginxCommands.test(files, files.candidateConf());
        Command.Outcome outcome;
        try {
            outcome = test.run(TEST_DEADLINE);
        } catch (IOException e) {
            throw new ProxyUnavailableException("Cannot run nginx: " + e.getMessage() + ". Install it: "
                    + StartFailure.INSTALL + " (bin/env-up does), or choose GANTRY_PROXY=haproxy.", e);
        }
        if (!outcome.succeeded()) {
            String output = outcome.failure().isEmpty() ? outcome.output() : outcome.output() + "\n" + outcome.failure();
            throw StartFailure.explain("Validating " + files.candidateConf() + " (" + test + ")", output, conf, files);
        }
    }

    /** Graceful stop (SIGQUIT: requests in flight finish), then SIGKILL after a deadline. */
    void stop() {
        Optional<ProcessHandle> master = pid().flatMap(ProcessHandle::of);
        if (master.isEmpty()) {
            return;
        }
        List<ProcessHandle> workers = master.get().children().toList();
        try {
            NginxCommands.quit(master.get().pid()).run(KILL_DEADLINE);
        } catch (IOException e) {
            master.get().destroy();
        }
        if (!exited(master.get(), QUIT_DEADLINE)) {
            master.get().destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);
            exited(master.get(), KILL_DEADLINE);
        }
        workers.forEach(worker -> exited(worker, KILL_DEADLINE));
    }

    /**
     * Whether {@code process} is gone within {@code deadline}. Polled: nginx daemonized, so it is not
     * this JVM's child, and {@code ProcessHandle.onExit} notices a non-child's exit only seconds later.
     */
    private static boolean exited(ProcessHandle process, Duration deadline) {
        return Wait.soon("nginx (pid " + process.pid() + ") to exit", Duration.ofMillis(10), deadline)
                .until(() -> running(process), alive -> !alive).met();
    }

    /**
     * Alive and not a zombie. An exited nginx stays a zombie until init reaps it, which some inits
     * do only every few seconds; a zombie holds no port and no file, and Java counts it as alive.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private void prepareDirectories() {
        try {
            Files.createDirectories(files.logs());
            Files.createDirectories(files.temp());
            NginxFiles.write(files.luaModule(), NginxConf.resource(NginxConf.LUA_MODULE));
        } catch (IOException e) {
            throw new ProxyUnavailableException("Creating nginx's directories under " + files.dir() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readFrom(Path file, long offset) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
