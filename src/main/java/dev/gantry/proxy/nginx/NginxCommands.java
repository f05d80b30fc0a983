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

    /** Asks nginx to shut down gracefully: finish requests in flight, then exit. */
    static Command quit(long pid) {
        return new Command(List.of("kill", "-QUIT", Long.toString(pid)));
    }

    /** A self-signed certificate for localhost and 127.0.0.1, with its unencrypted key in a second file. */
    static Command selfSignedCertificate(Path certificate, Path key) {
        return new Command(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "3650", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", certificate.toString()));
    }

    private static String prefix(NginxFiles files) {
        return files.dir() + "/";
    }
}
