package dev.gantry.proxy.haproxy;

import dev.gantry.proxy.ProxyUnavailableException;
import dev.gantry.proxy.Route;
import dev.gantry.proxy.RouteTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One routing state written out: haproxy.cfg, the two maps, pools.json and the shared routes.json.
 * The configuration is checked by {@code haproxy -c} before any file is replaced.
 */
record Rendering(Map<String, Route> routes, Pools pools, String config, RouteMaps maps) {

    static Rendering of(HaproxyConfig.Listeners listeners, Map<String, Route> routes, Pools pools) {
        return new Rendering(Map.copyOf(routes), pools, HaproxyConfig.render(listeners, routes, pools),
                RouteMaps.of(routes, pools));
    }

    /** Whether haproxy.cfg on disk is this configuration. */
    boolean isOnDisk(HaproxyFiles files) {
        try {
            return Files.isRegularFile(files.config()) && Files.readString(files.config()).equals(config);
        } catch (IOException e) {
            return false;
        }
    }

    /** Checks the configuration, then replaces the files; nothing is replaced if HAProxy rejects it. */
    void write(HaproxyFiles files, RouteTable table) {
        check(files);
        install(files, table);
    }

    /** Writes haproxy.cfg.next and has HAProxy check it; a rejected one is deleted. */
    void check(HaproxyFiles files) {
        boolean accepted = false;
        try {
            createMapsIfMissing(files);
            HaproxyFiles.write(next(files), config);
            HaproxyProcess.validate(next(files));
            accepted = true;
        } catch (IOException e) {
            throw new ProxyUnavailableException("Writing " + next(files) + " failed: " + e.getMessage(), e);
        } finally {
            if (!accepted) {
                discard(files);
            }
        }
    }

    /** Replaces the files with the configuration {@link #check} accepted. */
    void install(HaproxyFiles files, RouteTable table) {
        HaproxyFiles.write(files.routesMap(), RouteMaps.text(maps.paths()));
        HaproxyFiles.write(files.hostsMap(), RouteMaps.text(maps.hosts()));
        try {
            HaproxyFiles.replace(next(files), files.config());
        } catch (IOException e) {
            throw new ProxyUnavailableException("Replacing " + files.config() + " failed: " + e.getMessage(), e);
        }
        pools.write(files.pools());
        table.write(routes);
    }

    /** Deletes the checked configuration of a change that was not made. */
    void discard(HaproxyFiles files) {
        try {
            Files.deleteIfExists(next(files));
        } catch (IOException ignored) {
            // a leftover haproxy.cfg.next is never read
        }
    }

    private static Path next(HaproxyFiles files) {
        return files.config().resolveSibling("haproxy.cfg.next");
    }

    /** haproxy -c loads the maps the configuration names, so they must exist before the first check. */
    private static void createMapsIfMissing(HaproxyFiles files) throws IOException {
        Files.createDirectories(files.dir());
        for (Path map : new Path[] {files.routesMap(), files.hostsMap()}) {
            if (!Files.exists(map)) {
                Files.writeString(map, "");
            }
        }
    }
}
