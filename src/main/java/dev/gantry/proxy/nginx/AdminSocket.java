package dev.gantry.proxy.nginx;

import dev.gantry.proxy.ProxyUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The unix socket of nginx's admin endpoint, in a directory only its owner may enter. nginx makes
 * every unix socket it listens on mode 0666, so the directory (0700) is what keeps other users and
 * the containers on the host network out; the socket is made 0600 as well once nginx listens.
 */
final class AdminSocket {
    /** What a unix socket address holds (sun_path is 108 bytes with its terminating NUL). */
    static final int MAX_PATH_BYTES = 107;

    private AdminSocket() {
    }

    /** Makes the owner-only directory and removes a socket file a killed nginx left behind. */
    static void prepare(NginxFiles files) {
        Path socket = files.adminSocket();
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new ProxyUnavailableException("nginx cannot listen on the admin socket " + socket + ": a unix socket"
                    + " path has at most " + MAX_PATH_BYTES + " bytes. Set GANTRY_HOME to a shorter path.");
        }
        try {
            Files.createDirectories(files.adminDir());
            Files.setPosixFilePermissions(files.adminDir(), PosixFilePermissions.fromString("rwx------"));
            // only called when no nginx of ours runs, so a socket file here is stale and would make bind() fail
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new ProxyUnavailableException("Preparing nginx's admin socket directory " + files.adminDir()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** Owner-only on the socket itself, after nginx made it 0666. */
    static void restrict(NginxFiles files) {
        try {
            Files.setPosixFilePermissions(files.adminSocket(), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new ProxyUnavailableException("Making nginx's admin socket " + files.adminSocket()
                    + " owner-only failed: " + e.getMessage(), e);
        }
    }
}
