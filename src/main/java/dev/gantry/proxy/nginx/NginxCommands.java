package dev.gantry.proxy.nginx;

import dev.gantry.proxy.Command;
import java.nio.file.Path;
import java.util.List;

/**
 * The commands Gantry runs to manage nginx, as data. nginx always gets its prefix and
 * configuration explicitly and its error log from the start ({@code -e}), so it never reads
 * /etc/nginx or writes /var/log/nginx.
 */
final class NginxCommands {
    private NginxCommands() {
    }

    /** Validates {@code conf} without touching the running nginx. */
    static Command test(NginxFiles files, Path conf) {
        return new Command(List.of("nginx", "-p", prefix(files), "-c", conf.toString(), "-e", "logs/error.log", "-t", "-q"));
    }

    /** Starts the master process, which forks into the background and writes its pid file. */
    static Command start(NginxFiles files) {
        return new Command(List.of("nginx", "-p", prefix(files), "-c", files.conf().toString(), "-e", "logs/error.log"));
    }

    /** Asks nginx to read its configuration again: new workers, the old ones finish their requests. */
    static Command reload(long pid) {
        return new Command(List.of("kill", "-HUP", Long.toString(pid)));
    }

    /** Asks nginx to shut down gracefully: finish requests in flight, then exit. */
    static Command quit(long pid) {
        return new Command(List.of("kill", "-QUIT", Long.toString(pid)));
    }

    private static String prefix(NginxFiles files) {
        return files.dir() + "/";
    }
}
