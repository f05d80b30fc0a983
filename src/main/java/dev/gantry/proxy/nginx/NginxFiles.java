package dev.gantry.proxy.nginx;

import dev.gantry.config.Installation;
import dev.gantry.proxy.ProxyUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the managed nginx keeps its files: everything nginx reads or writes is under {@code dir}
 * (its prefix, {@code nginx -p}); the route table and the certificate are one level up,
 * shared with the HAProxy implementation.
 */
record NginxFiles(Path dir, Path proxyDir) {

    static NginxFiles of(Installation installation) {
        Path proxyDir = installation.proxyFiles().toAbsolutePath().normalize();
        return new NginxFiles(proxyDir.resolve("nginx"), proxyDir);
    }

    /** Gantry's source of truth for routes, in the format every proxy implementation shares. */
    Path routeTable() {
        return proxyDir.resolve("routes.json");
    }

    Path conf() {
        return dir.resolve("nginx.conf");
    }

    /** A configuration being validated; it replaces {@link #conf()} only once {@code nginx -t} accepts it. */
    Path candidateConf() {
        return dir.resolve("nginx.conf.next");
    }

    Path luaModule() {
        return dir.resolve("gantry.lua");
    }

    /** The route table as nginx reads it at start: the rendered form of {@link #routeTable()}. */
    Path routesText() {
        return dir.resolve("routes.txt");
    }

    Path pidFile() {
        return dir.resolve("nginx.pid");
    }

    /** The owner-only directory (0700) of the admin socket. */
    Path adminDir() {
        return dir.resolve("admin");
    }

    Path adminSocket() {
        return adminDir().resolve("admin.sock");
    }

    /** Where Gantry versions before the admin socket kept the admin endpoint's loopback port. */
    Path legacyAdminPortFile() {
        return dir.resolve("admin-port");
    }

    Path logs() {
        return dir.resolve("logs");
    }

    Path errorLog() {
        return logs().resolve("error.log");
    }

    /** What the starting nginx printed before it had its error log. */
    Path startLog() {
        return logs().resolve("start.log");
    }

    Path temp() {
        return dir.resolve("tmp");
    }

    /** Writes a file whole: a reader sees the old content or the new one, never a mix. */
    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(next, text);
            move(next, file);
        } catch (IOException e) {
            throw new ProxyUnavailableException("Writing " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Replaces {@code to} by {@code from} in one step. */
    static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ProxyUnavailableException("Replacing " + to + " failed: " + e.getMessage(), e);
        }
    }
}
