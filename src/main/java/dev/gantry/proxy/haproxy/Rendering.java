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

    /**
     * Has HAProxy check the configuration, written to a file of its own (deleted after) so that a
     * check prepared ahead of a switch never shares a file with another gantry process's.
     */
    void check(HaproxyFiles files) {
        Path candidate = null;
        try {
            createMapsIfMissing(files);
            candidate = Files.createTempFile(files.dir(), "haproxy.cfg.", ".next");
            Files.writeString(candidate, config);
            HaproxyProcess.validate(candidate);
        } catch (IOException e) {
            throw new ProxyUnavailableException("Writing a configuration to check in " + files.dir() + " failed: "
                    + e.getMessage(), e);
        } finally {
            delete(candidate);
        }
    }

    /** Replaces the files with this configuration, which {@link #check} accepted. */
    void install(HaproxyFiles files, RouteTable table) {
        HaproxyFiles.write(files.routesMap(), RouteMaps.text(maps.paths()));
        HaproxyFiles.write(files.hostsMap(), RouteMaps.text(maps.hosts()));
        HaproxyFiles.write(files.config(), config);
        pools.write(files.pools());
        table.write(routes);
    }

    private static void delete(Path candidate) {
        try {
            if (candidate != null) {
                Files.deleteIfExists(candidate);
            }
        } catch (IOException ignored) {
            // a leftover haproxy.cfg.*.next is never read
        }
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
