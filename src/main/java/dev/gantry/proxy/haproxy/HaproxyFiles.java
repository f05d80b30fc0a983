package dev.gantry.proxy.haproxy;

import dev.gantry.config.Installation;
import dev.gantry.proxy.Certificate;
import dev.gantry.proxy.ProxyUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where the managed HAProxy's files live: {@code $GANTRY_HOME/proxy/haproxy/}, beside the shared
 * {@code routes.json} and certificate one level up, in {@code proxyDir}.
 */
record HaproxyFiles(Path dir, Path proxyDir) {

    static HaproxyFiles of(Installation installation) {
        Path proxy = installation.proxyFiles().toAbsolutePath();
        return new HaproxyFiles(proxy.resolve("haproxy"), proxy);
    }

    Path routes() {
        return proxyDir.resolve("routes.json");
    }

    /** The certificate the HTTPS listener uses now (the user's, else the self-signed one). */
    Path certificate() {
        return Certificate.current(proxyDir);
    }

    Path config() {
        return dir.resolve("haproxy.cfg");
    }

    Path routesMap() {
        return dir.resolve("routes.map");
    }

    Path hostsMap() {
        return dir.resolve("hosts.map");
    }

    Path pools() {
        return dir.resolve("pools.json");
    }

    Path adminSocket() {
        return dir.resolve("admin.sock");
    }

    Path masterSocket() {
        return dir.resolve("master.sock");
    }

    Path pidFile() {
        return dir.resolve("haproxy.pid");
    }

    Path log() {
        return dir.resolve("haproxy.log");
    }

    /**
     * Checks that HAProxy can use these paths: no whitespace or quotes (they appear unquoted in
     * haproxy.cfg) and socket paths within the 107 bytes a unix socket address allows.
     */
    void checkUsable() {
        String text = dir.toString();
        if (!text.matches("[^\\s\"'\\\\#]+")) {
            throw new ProxyUnavailableException("HAProxy cannot use the directory " + dir + ": its path has a space,"
                    + " quote, backslash or '#'. Set GANTRY_HOME to a path without them.");
        }
        if (masterSocket().toString().getBytes().length > 107) {
            throw new ProxyUnavailableException("HAProxy cannot use the socket " + masterSocket() + ": a unix socket path"
                    + " has at most 107 bytes. Set GANTRY_HOME to a shorter path.");
        }
    }

    /** Writes {@code text} to {@code file} atomically. */
    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, text);
            replace(next, file);
        } catch (IOException e) {
            throw new ProxyUnavailableException("Writing " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** The last lines of a log, for an error message. */
    static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    static void replace(Path next, Path file) throws IOException {
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
